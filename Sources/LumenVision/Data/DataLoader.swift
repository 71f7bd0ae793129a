import Foundation
import LumenTensor

/// Reads a dataset in batches, as `torch.utils.data.DataLoader`: each epoch visits every
/// sample once (in a new seeded order when shuffling), stacks `batchSize` samples into
/// `[N, …]` inputs and `[N]` labels (Float class indices, as `Tensor.crossEntropy(_:)`
/// takes them), and loads the next batches on background threads while the model trains.
///
/// Reading a sample can fail (a damaged file), and Swift's `for … in` cannot throw, so there are
/// two ways to iterate:
///
/// - **Throwing** (recommended): ``forEachBatch(_:)``, or an iterator's ``Iterator/nextBatch()``
///   in a `while let` loop. The first failure is thrown, naming the sample's index (and file);
///   the epoch ends there.
/// - **`for (images, labels) in loader`**: the same batches; a failure ends the loop early and is
///   kept in ``lastEpochError`` (nil after a complete epoch), which the caller checks.
///
/// Breaking out of a loop early is fine: the workers finish the batch they are on and exit.
///
/// ```swift
/// let loader = DataLoader(try Digits(size: 32), batchSize: 64, shuffle: true, generator: Generator(seed: 0))
/// for epoch in 0..<10 {
///     try loader.forEachBatch { images, labels in          // [64, 1, 32, 32], [64]
///         let loss = model(images).crossEntropy(labels)
///         …
///     }
/// }
/// ```
public final class DataLoader<D: Dataset>: Sequence {
    /// One batch: the stacked inputs and their labels.
    public typealias Batch = (images: Tensor, labels: Tensor)

    /// The dataset read.
    public let dataset: D
    /// Samples per batch.
    public let batchSize: Int
    /// Whether each epoch visits the samples in a new random order.
    public let shuffle: Bool
    /// Whether a last batch smaller than ``batchSize`` is left out.
    public let dropLast: Bool
    /// Draws each epoch's order and seed.
    public let generator: Generator
    /// Background threads loading batches; 0 loads each batch on the consumer's thread.
    public let workers: Int
    /// Batches each worker may load ahead (torch's `prefetch_factor`).
    public let prefetch: Int
    /// Why the last `for … in` epoch ended early; nil when it ran to the end or the loop left it.
    public private(set) var lastEpochError: Error?

    let runningWorkers = WorkerCount()

    /// A loader over `dataset`.
    ///
    /// - Parameters:
    ///   - dataset: the samples to read.
    ///   - batchSize: samples per batch (at least 1).
    ///   - shuffle: a new random order every epoch, drawn from `generator`.
    ///   - dropLast: leave out the last batch when it is smaller than `batchSize`.
    ///   - generator: the same seed gives the same orders and the same random transforms.
    ///   - workers: background loading threads (0: load on the caller's thread).
    ///   - prefetch: batches loaded ahead per worker (at least 1).
    ///
    /// ```swift
    /// let loader = DataLoader(dataset, batchSize: 32, shuffle: true, workers: 2)
    /// ```
    public init(
        _ dataset: D, batchSize: Int = 1, shuffle: Bool = false, dropLast: Bool = false,
        generator: Generator = .default, workers: Int = 2, prefetch: Int = 2
    ) {
        precondition(batchSize >= 1, "DataLoader: batchSize should be a positive integer value, but got batchSize=\(batchSize)")
        precondition(workers >= 0, "DataLoader: workers option should be non-negative, got \(workers)")
        precondition(prefetch >= 1, "DataLoader: prefetch should be at least 1, got \(prefetch)")
        self.dataset = dataset
        self.batchSize = batchSize
        self.shuffle = shuffle
        self.dropLast = dropLast
        self.generator = generator
        self.workers = workers
        self.prefetch = prefetch
    }

    /// Batches per epoch (torch's `len(loader)`).
    ///
    /// ```swift
    /// DataLoader(try Digits(), batchSize: 64).count   // 29
    /// ```
    public var count: Int { dropLast ? dataset.count / batchSize : (dataset.count + batchSize - 1) / batchSize }

    /// Starts an epoch: draws its order and seed and, with workers, starts loading.
    ///
    /// ```swift
    /// var batches = loader.makeIterator()
    /// while let (images, labels) = try batches.nextBatch() { … }
    /// ```
    public func makeIterator() -> Iterator {
        lastEpochError = nil
        let order = shuffle ? generator.permutation(dataset.count) : Array(0..<dataset.count)
        let seed = UInt64(generator.nextInt(below: Int.max))
        let plan = EpochPlan(dataset: dataset, order: order, batchSize: batchSize, dropLast: dropLast, seed: seed)
        return Iterator(loader: self, plan: plan)
    }

    /// Runs `body` on every batch of one epoch, in order.
    ///
    /// - Throws: the first sample's failure (a ``VisionError`` naming its index), a batch whose
    ///   samples have different shapes (naming both), or what `body` throws; the epoch stops there.
    ///
    /// ```swift
    /// try loader.forEachBatch { images, labels in print(images.shape, labels.shape) }
    /// ```
    public func forEachBatch(_ body: (Tensor, Tensor) throws -> Void) throws {
        var batches = makeIterator()
        while let (images, labels) = try batches.nextBatch() { try body(images, labels) }
    }

    /// Waits up to `timeout` seconds for every worker thread to end; true when none runs.
    func waitForWorkers(timeout: TimeInterval) -> Bool {
        runningWorkers.waitUntilIdle(before: Date(timeIntervalSinceNow: timeout))
    }

    /// One epoch's batches, in order.
    public struct Iterator: IteratorProtocol {
        private let loader: DataLoader
        private let epoch: Epoch

        fileprivate init(loader: DataLoader, plan: EpochPlan<D>) {
            self.loader = loader
            self.epoch = Epoch(plan: plan, workers: loader.workers, prefetch: loader.prefetch, running: loader.runningWorkers)
        }

        /// The next batch; nil after the last one.
        ///
        /// - Throws: the first sample's failure or a batch that cannot be stacked; later calls
        ///   return nil.
        ///
        /// ```swift
        /// while let (images, labels) = try batches.nextBatch() { … }
        /// ```
        public mutating func nextBatch() throws -> Batch? {
            try epoch.next()
        }

        /// The next batch; nil after the last one or at a failure, which is kept in the
        /// loader's ``DataLoader/lastEpochError``.
        public mutating func next() -> Batch? {
            do {
                return try epoch.next()
            } catch {
                loader.lastEpochError = error
                return nil
            }
        }
    }

    /// The state of one epoch; stops its workers when the last iterator copy lets go of it.
    private final class Epoch {
        private let plan: EpochPlan<D>
        private let queue: BatchQueue<UncheckedBatch>?
        private var nextBatch = 0
        private var finished = false

        init(plan: EpochPlan<D>, workers: Int, prefetch: Int, running: WorkerCount) {
            self.plan = plan
            guard workers > 0 && !plan.batches.isEmpty else {
                queue = nil
                return
            }
            let queue = BatchQueue<UncheckedBatch>(total: plan.batches.count, limit: workers * prefetch)
            self.queue = queue
            for index in 0..<Swift.min(workers, plan.batches.count) {
                running.started()
                let thread = Thread {
                    while let number = queue.claim() {
                        queue.put(number, Result { UncheckedBatch(batch: try plan.load(number)) })
                    }
                    running.finished()
                }
                thread.name = "lumen-dataloader-\(index)"
                thread.start()
            }
        }

        func next() throws -> Batch? {
            guard !finished else { return nil }
            let result: Result<Batch, Error>
            if let queue {
                guard let delivered = queue.take() else { return nil }
                result = delivered.map(\.batch)
            } else {
                guard nextBatch < plan.batches.count else { return nil }
                result = Result { try plan.load(nextBatch) }
                nextBatch += 1
            }
            if case .failure = result {
                finished = true
                queue?.cancel()
            }
            return try result.get()
        }

        deinit { queue?.cancel() }
    }
}

/// A batch handed from a worker thread to the consumer, which alone uses it afterwards.
struct UncheckedBatch: @unchecked Sendable {
    let batch: (images: Tensor, labels: Tensor)
}
