import LumenTensor

/// One epoch of a ``DataLoader``: which dataset indices each batch holds, and how a batch is
/// read and stacked. Workers share it, hence the unchecked sendability: the dataset is read
/// concurrently, which ``Dataset`` requires to be safe.
struct EpochPlan<D: Dataset>: @unchecked Sendable {
    let dataset: D
    let batches: [[Int]]
    /// Seeds each sample's generator, together with the sample's index.
    let seed: UInt64

    /// The batches of `order` (`batchSize` indices each; the last may be smaller unless
    /// `dropLast`).
    init(dataset: D, order: [Int], batchSize: Int, dropLast: Bool, seed: UInt64) {
        self.dataset = dataset
        self.seed = seed
        let batchCount = dropLast ? order.count / batchSize : (order.count + batchSize - 1) / batchSize
        batches = (0..<batchCount).map { b in Array(order[b * batchSize ..< min((b + 1) * batchSize, order.count)]) }
    }

    /// The generator for dataset sample `index` in this epoch: the same for the same seed,
    /// whichever worker reads it.
    func generator(for index: Int) -> Generator {
        Generator(seed: seed ^ (UInt64(truncatingIfNeeded: index) &* 0x9E37_79B9_7F4A_7C15))
    }

    /// Reads batch `number` and stacks it into `[N, …]` inputs and `[N]` labels (as Float).
    func load(_ number: Int) throws -> (images: Tensor, labels: Tensor) {
        let indices = batches[number]
        var inputs: [Tensor] = []
        var labels: [Float] = []
        inputs.reserveCapacity(indices.count)
        labels.reserveCapacity(indices.count)
        for index in indices {
            do {
                let (input, label) = try dataset.sample(at: index, generator: generator(for: index))
                inputs.append(input)
                labels.append(Float(label))
            } catch {
                throw VisionError("DataLoader: sample \(index) failed: \(error)")
            }
        }
        return (try Self.stack(inputs, indices: indices), Tensor(labels, shape: [labels.count]))
    }

    /// `inputs` stacked along a new first dimension, as torch's `default_collate`.
    static func stack(_ inputs: [Tensor], indices: [Int]) throws -> Tensor {
        let shape = inputs[0].shape
        for (position, input) in inputs.enumerated() where input.shape != shape {
            throw VisionError("DataLoader: sample \(indices[position]) has shape \(input.shape) but sample \(indices[0]) of the same batch has \(shape); a batch's samples must have one shape to be stacked")
        }
        let size = inputs[0].count
        let values = [Float](unsafeUninitializedCapacity: size * inputs.count) { buffer, initialized in
            for (position, input) in inputs.enumerated() {
                input.scalars.withUnsafeBufferPointer { source in
                    guard let base = source.baseAddress, size > 0 else { return }
                    (buffer.baseAddress! + position &* size).initialize(from: base, count: size)
                }
            }
            initialized = size * inputs.count
        }
        return Tensor(values, shape: [inputs.count] + shape)
    }
}
