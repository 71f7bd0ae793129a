import LumenTensor

/// The samples of `base` at the given indices, in that order, as `torch.utils.data.Subset`.
///
/// ```swift
/// let firstHundred = Subset(digits, indices: Array(0..<100))
/// ```
public struct Subset<Base: Dataset>: Dataset {
    /// The dataset the samples come from.
    public let base: Base
    /// For each sample of the subset, its index in ``base``.
    public let indices: [Int]

    /// The samples of `base` at `indices` (an index may repeat; each is checked when read).
    ///
    /// ```swift
    /// let evens = Subset(dataset, indices: Array(stride(from: 0, to: dataset.count, by: 2)))
    /// ```
    public init(_ base: Base, indices: [Int]) {
        self.base = base
        self.indices = indices
    }

    /// The number of indices.
    public var count: Int { indices.count }

    /// Sample `indices[index]` of ``base``.
    ///
    /// - Throws: ``VisionError`` when `index` or the index it maps to is out of range, or the
    ///   base dataset's error for that sample.
    ///
    /// ```swift
    /// let (x, y) = try subset.sample(at: 0, generator: Generator(seed: 1))
    /// ```
    public func sample(at index: Int, generator: Generator) throws -> (input: Tensor, label: Int) {
        try checkIndex(index, in: "Subset")
        let baseIndex = indices[index]
        guard baseIndex >= 0 && baseIndex < base.count else {
            throw VisionError("Subset: sample \(index) maps to index \(baseIndex), out of range 0..<\(base.count) of the base dataset")
        }
        return try base.sample(at: baseIndex, generator: generator)
    }
}
