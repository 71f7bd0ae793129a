import LumenTensor

/// A collection of labelled samples that can be read by index, as `torch.utils.data.Dataset`.
///
/// A sample is an input tensor (for pictures `[C, H, W]`, after the dataset's transform) and a
/// class index. Reading may fail — a file can be missing or damaged — so
/// ``sample(at:generator:)`` throws an error naming the index (and the file, for datasets
/// backed by files).
///
/// Random transforms draw from the `generator` given for that sample. ``DataLoader`` passes
/// each sample a generator seeded from its epoch seed and the sample's index, so the same seed
/// gives the same augmentations whatever the number of workers.
///
/// A ``DataLoader`` with workers reads samples from several threads at once: a dataset must
/// allow that (the bundled ones do; their transforms are called concurrently too).
///
/// ```swift
/// struct Squares: Dataset {
///     var count: Int { 10 }
///     func sample(at index: Int, generator: Generator) throws -> (input: Tensor, label: Int) {
///         (Tensor([Float(index * index)]), index % 2)
///     }
/// }
/// let (x, y) = try Squares()[3]   // x = [9], y = 1
/// ```
public protocol Dataset {
    /// The number of samples.
    var count: Int { get }

    /// Sample `index` (0 ..< ``count``); random transforms draw from `generator`.
    ///
    /// - Throws: ``VisionError`` naming the index (and the file) when the sample cannot be read.
    func sample(at index: Int, generator: Generator) throws -> (input: Tensor, label: Int)
}

extension Dataset {
    /// Sample `index`, random transforms drawing from the default generator.
    ///
    /// ```swift
    /// let (image, label) = try dataset[0]
    /// ```
    public subscript(index: Int) -> (input: Tensor, label: Int) {
        get throws { try sample(at: index, generator: .default) }
    }

    /// Throws unless `index` is in `0..<count`; `name` starts the message.
    func checkIndex(_ index: Int, in name: String) throws {
        guard index >= 0 && index < count else {
            throw VisionError("\(name): index \(index) is out of range 0..<\(count)")
        }
    }
}
