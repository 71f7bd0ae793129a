import Dispatch
import Foundation
import Synchronization

/// Lumen's own worker threads for ``Parallel``: they stay awake (polling) for a short while
/// after each job, so the many short loops of a training step do not each pay a thread
/// wake-up, then sleep until the next job.
///
/// One job runs at a time. The thread that submits it takes part, and chunks are claimed one
/// by one, so a worker that wakes late costs nothing: the submitter runs the chunks left. A job
/// submitted while another is running (from a second thread, or from inside a chunk) runs on
/// Dispatch's threads instead.
final class WorkerPool: @unchecked Sendable {
    /// The pool behind ``Parallel``, with `Parallel.threadCount − 1` workers.
    static let shared = WorkerPool(workers: Parallel.threadCount - 1)

    /// The job's generation (upper bits) and the next unclaimed chunk (low `chunkBits` bits).
    private let state = Atomic<Int>(0)
    /// Chunks of the current job finished so far.
    private let finished = Atomic<Int>(0)
    /// The current job's chunk count and body (a pointer to a `Job` on the submitter's stack).
    private let chunkCount = Atomic<Int>(0)
    private let job = Atomic<UInt>(0)
    /// Whether a job is running; guards submission.
    private let running = Atomic<Bool>(false)
    /// Workers asleep on `wakeUp`.
    private let sleepers = Atomic<Int>(0)
    private let wakeUp = DispatchSemaphore(value: 0)
    private let workerCount: Int

    private static let chunkBits = 16
    private static let chunkMask = (1 << chunkBits) - 1
    /// How long an idle worker polls for the next job before it sleeps.
    private static let pollNanoseconds: UInt64 = 200_000

    private typealias Job = (Int) -> Void

    private init(workers: Int) {
        workerCount = Swift.max(0, workers)
        for index in 0..<workerCount {
            let thread = Thread { [unowned self] in self.workerLoop() }
            thread.name = "lumen-worker-\(index)"
            thread.start()
        }
    }

    /// Runs `body(chunk)` once for every chunk in `0..<chunks`, on the calling thread and the
    /// workers, and returns when all have finished.
    func run(chunks: Int, _ body: (Int) -> Void) {
        guard chunks > 1, workerCount > 0, chunks <= Self.chunkMask,
              running.compareExchange(expected: false, desired: true, ordering: .acquiring).exchanged else {
            nonisolated(unsafe) let body = body
            DispatchQueue.concurrentPerform(iterations: chunks) { body($0) }
            return
        }
        withoutActuallyEscaping(body) { body in
            var work: Job = body
            withUnsafeMutablePointer(to: &work) { pointer in
                finished.store(0, ordering: .relaxed)
                chunkCount.store(chunks, ordering: .relaxed)
                job.store(UInt(bitPattern: pointer), ordering: .relaxed)
                let generation = (state.load(ordering: .relaxed) >> Self.chunkBits) &+ 1
                state.store(generation << Self.chunkBits, ordering: .sequentiallyConsistent)
                let asleep = sleepers.load(ordering: .sequentiallyConsistent)
                for _ in 0..<Swift.min(asleep, chunks - 1) { wakeUp.signal() }
                _ = participate(generation: generation)
                while finished.load(ordering: .acquiring) < chunks { spinPause() }
            }
        }
        running.store(false, ordering: .releasing)
    }

    /// Claims and runs chunks of job `generation` until none is left; whether it ran any.
    private func participate(generation: Int) -> Bool {
        var ranAny = false
        while true {
            let current = state.load(ordering: .acquiring)
            guard current >> Self.chunkBits == generation else { return ranAny }
            let chunk = current & Self.chunkMask
            // Read before claiming: while a chunk is unclaimed the job cannot have finished,
            // so these still describe job `generation` when the claim below succeeds.
            let chunks = chunkCount.load(ordering: .acquiring)
            let address = job.load(ordering: .acquiring)
            guard chunk < chunks else { return ranAny }
            guard state.compareExchange(expected: current, desired: current &+ 1, ordering: .acquiringAndReleasing).exchanged else {
                continue
            }
            Self.invoke(UnsafePointer(bitPattern: address)!, chunk)
            ranAny = true
            finished.add(1, ordering: .releasing)
        }
    }

    /// Calls the job at `job`: any retain of its context is released before this returns, so
    /// once a chunk is counted finished no worker holds on to the submitter's closure.
    @inline(never)
    private static func invoke(_ job: UnsafePointer<Job>, _ chunk: Int) {
        job.pointee(chunk)
    }

    private func workerLoop() {
        var seen = 0
        while true {
            let deadline = DispatchTime.now().uptimeNanoseconds &+ Self.pollNanoseconds
            var generation = state.load(ordering: .acquiring) >> Self.chunkBits
            while generation == seen && DispatchTime.now().uptimeNanoseconds < deadline {
                spinPause()
                // Polite polling: another thread ready to run on this core goes first.
                sched_yield()
                generation = state.load(ordering: .acquiring) >> Self.chunkBits
            }
            if generation == seen {
                sleepers.add(1, ordering: .sequentiallyConsistent)
                if state.load(ordering: .sequentiallyConsistent) >> Self.chunkBits == seen { wakeUp.wait() }
                sleepers.subtract(1, ordering: .sequentiallyConsistent)
                continue
            }
            seen = generation
            _ = participate(generation: generation)
        }
    }

    /// A short wait inside a polling loop (a few hundred nanoseconds: the clock is read between
    /// waits, and reading it costs more than a load).
    @inline(__always)
    private func spinPause() {
        for _ in 0..<256 { _ = state.load(ordering: .relaxed) }
    }
}
