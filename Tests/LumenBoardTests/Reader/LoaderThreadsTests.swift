import Foundation
import Testing
@testable import LumenBoard
#if canImport(Glibc)
import Glibc
#endif

@Suite("Loading threads")
struct LoaderThreadsTests {
    @Test("Every index is run exactly once, and the call returns only when all have run")
    func everyIndexOnce() {
        let iterations = 5_000
        let counts = UnsafeMutableBufferPointer<Int>.allocate(capacity: iterations)
        counts.initialize(repeating: 0)
        defer { counts.deallocate() }
        nonisolated(unsafe) let shared = counts
        LoaderThreads.concurrentPerform(iterations: iterations) { index in
            shared[index] += 1 // each index is handed to one thread only
        }
        #expect(counts.allSatisfy { $0 == 1 })
        LoaderThreads.concurrentPerform(iterations: 0) { _ in Issue.record("called with no iterations") }
    }

    #if canImport(Glibc)
    @Test("The loading runs nicer than the thread that asked for it")
    func lowerPriority() {
        let which = __priority_which_t(PRIO_PROCESS.rawValue)
        let caller = getpriority(which, 0)
        let lock = NSLock()
        nonisolated(unsafe) var seen: Set<Int32> = []
        LoaderThreads.concurrentPerform(iterations: 64) { _ in
            let nice = getpriority(which, 0)
            lock.withLock { _ = seen.insert(nice) }
        }
        #expect(seen == [min(19, caller + LoaderThreads.niceIncrement)])
        #expect(getpriority(which, 0) == caller)
    }
    #endif
}
