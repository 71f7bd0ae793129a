import Foundation

/// Hands batch numbers to worker threads and their results back to the consumer in order, with
/// at most `limit` batches loaded ahead of the one the consumer waits for.
final class BatchQueue<Batch>: @unchecked Sendable {
    private let condition = NSCondition()
    private let total: Int
    private let limit: Int
    private var nextToClaim = 0
    private var nextToDeliver = 0
    private var ready: [Int: Result<Batch, Error>] = [:]
    private var cancelled = false

    init(total: Int, limit: Int) {
        self.total = total
        self.limit = limit
    }

    /// The next batch number for a worker to load, waiting while the prefetch window is full;
    /// nil when every batch is claimed or the epoch was cancelled.
    func claim() -> Int? {
        condition.lock()
        defer { condition.unlock() }
        while !cancelled && nextToClaim < total && nextToClaim >= nextToDeliver + limit { condition.wait() }
        guard !cancelled && nextToClaim < total else { return nil }
        defer { nextToClaim += 1 }
        return nextToClaim
    }

    /// Stores a worker's result for batch `number`.
    func put(_ number: Int, _ result: Result<Batch, Error>) {
        condition.lock()
        defer { condition.unlock() }
        if !cancelled { ready[number] = result }
        condition.broadcast()
    }

    /// The next batch in order, waiting for a worker to finish it; nil after the last one.
    func take() -> Result<Batch, Error>? {
        condition.lock()
        defer { condition.unlock() }
        guard nextToDeliver < total && !cancelled else { return nil }
        while ready[nextToDeliver] == nil && !cancelled { condition.wait() }
        guard !cancelled else { return nil }
        defer {
            nextToDeliver += 1
            condition.broadcast()
        }
        return ready.removeValue(forKey: nextToDeliver)
    }

    /// Stops handing out work and drops finished batches; workers end after their current one.
    func cancel() {
        condition.lock()
        defer { condition.unlock() }
        cancelled = true
        ready.removeAll()
        condition.broadcast()
    }
}

/// Counts a loader's running worker threads, so that one can wait for all of them to end.
final class WorkerCount: @unchecked Sendable {
    private let condition = NSCondition()
    private var running = 0

    func started() {
        condition.lock()
        running += 1
        condition.unlock()
    }

    func finished() {
        condition.lock()
        running -= 1
        condition.broadcast()
        condition.unlock()
    }

    /// The threads still running.
    var current: Int {
        condition.lock()
        defer { condition.unlock() }
        return running
    }

    /// Waits until no worker runs or `deadline` passes; true when none runs.
    func waitUntilIdle(before deadline: Date) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        while running > 0 {
            if !condition.wait(until: deadline) { return running == 0 }
        }
        return true
    }
}
