import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Runs the loading of a log directory's runs on threads of its own, one per processor, at a
/// lower scheduling priority than the rest of the process. A board reading a large log
/// directory then still answers at once, and the browser showing it is not starved: while
/// loading took every core at the same priority, a page's first requests waited 0.3–0.6 s
/// each. On an idle machine the priority changes nothing: loading gets every core it can use.
enum LoaderThreads {
    /// How much nicer than the process the loading threads are (on Linux; elsewhere they run
    /// at the utility quality of service).
    static let niceIncrement: Int32 = 5

    /// Calls `body` with each of `0..<iterations`, spread over the loading threads, and returns
    /// when every call has returned.
    static func concurrentPerform(iterations: Int, _ body: (Int) -> Void) {
        guard iterations > 0 else { return }
        let threads = min(iterations, max(1, ProcessInfo.processInfo.activeProcessorCount))
        withoutActuallyEscaping(body) { body in
            // The threads reach `body` only through `work`, which lets go of it once they are
            // done: a thread's own closure may outlive this call.
            let work = SharedWork(body: body, iterations: iterations, threads: threads)
            for _ in 0..<threads {
                let thread = Thread {
                    lowerPriority()
                    work.runAll()
                }
                thread.name = "lumen loader"
                thread.stackSize = 8 << 20
                thread.start()
            }
            work.waitUntilFinished()
        }
    }

    /// Makes the calling thread nicer. On Linux the nice value belongs to each thread, and
    /// `setpriority(PRIO_PROCESS, 0, …)` sets the calling thread's.
    private static func lowerPriority() {
        #if canImport(Glibc)
        let which = __priority_which_t(PRIO_PROCESS.rawValue)
        errno = 0
        let current = getpriority(which, 0)
        if errno == 0 { _ = setpriority(which, 0, min(19, current + niceIncrement)) }
        #elseif canImport(Darwin)
        _ = pthread_set_qos_class_self_np(QOS_CLASS_UTILITY, 0)
        #endif
    }

    /// The calls to make, the next index to run, and how many threads are still at work.
    private final class SharedWork: @unchecked Sendable {
        private let condition = NSCondition()
        private var body: ((Int) -> Void)?
        private let iterations: Int
        private var taken = 0
        private var running: Int

        init(body: @escaping (Int) -> Void, iterations: Int, threads: Int) {
            self.body = body
            self.iterations = iterations
            running = threads
        }

        /// On a loading thread: calls `body` with indexes not yet taken until none is left.
        func runAll() {
            while let (index, body) = next() { body(index) }
            condition.lock()
            running -= 1
            condition.broadcast()
            condition.unlock()
        }

        /// Returns once every thread has finished, letting go of `body`.
        func waitUntilFinished() {
            condition.lock()
            while running > 0 { condition.wait() }
            body = nil
            condition.unlock()
        }

        private func next() -> (Int, (Int) -> Void)? {
            condition.lock()
            defer { condition.unlock() }
            guard taken < iterations, let body else { return nil }
            taken += 1
            return (taken - 1, body)
        }
    }
}
