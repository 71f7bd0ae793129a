import Foundation
import Synchronization
import LumenBoard
import Testing
@testable import LumenServer
import LumenTestSupport

@Suite("A value worked out from the store is kept while the store holds the same data")
struct LoadStateCacheTests {
    @Test("Kept across requests; made again once a reload reads more; never kept from a store that changed meanwhile")
    func keptUntilTheStoreChanges() throws {
        let (writer, store) = try loadedStore()
        let cache = LoadStateCache<Int>()
        var made = 0
        let count = { cache.value(for: store) { made += 1; return store.run(named: ".")?.read { $0.scalarPoints } ?? -1 } }
        #expect(count() == 1 && count() == 1 && made == 1)

        store.reload() // nothing new: the same data
        #expect(count() == 1 && made == 1)

        writer.addScalar("loss", 0.5, step: 1)
        try writer.flush()
        store.reload()
        #expect(count() == 2 && made == 2)

        // A value made while the store changed is answered but not kept.
        writer.addScalar("loss", 0.25, step: 2)
        try writer.flush()
        store.reload()
        writer.addScalar("loss", 0.125, step: 3)
        try writer.flush()
        let first = cache.value(for: store) { () -> Int in
            store.reload()
            return -7
        }
        #expect(first == -7)
        #expect(count() == 4 && made == 3)
        try writer.close()
    }

    @Test("Requests for the same state while its value is being made wait for it instead of making it again")
    func concurrentRequestsShareOneMaking() throws {
        let (writer, store) = try loadedStore()
        try writer.close()
        let cache = LoadStateCache<Int>()
        let makings = Mutex(0)
        let started = DispatchSemaphore(value: 0), release = DispatchSemaphore(value: 0)
        let arrived = DispatchSemaphore(value: 0), finished = DispatchSemaphore(value: 0)
        let answers = Mutex<[Int]>([])
        // Each request on a thread of its own, so that a blocked one never holds up another.
        func request(_ make: @escaping @Sendable () -> Int) {
            Thread {
                arrived.signal()
                let value = cache.value(for: store, make: make)
                answers.withLock { $0.append(value) }
                finished.signal()
            }.start()
        }
        let limit = DispatchTime.now() + 120
        // The first request starts making and holds until released; three more arrive meanwhile.
        request {
            makings.withLock { $0 += 1 }
            started.signal()
            _ = release.wait(timeout: limit)
            return 42
        }
        #expect(started.wait(timeout: limit) == .success)
        for _ in 0..<3 {
            request {
                makings.withLock { $0 += 1 }
                return -1
            }
        }
        for _ in 0..<4 { _ = arrived.wait(timeout: limit) }
        // Released once the three wait for the value being made (or one made its own, which
        // the expectations below catch).
        while cache.waitingRequests < 3 && makings.withLock({ $0 }) == 1 && DispatchTime.now() < limit {
            Thread.sleep(forTimeInterval: 0.001)
        }
        release.signal()
        for _ in 0..<4 { #expect(finished.wait(timeout: limit) == .success) }
        #expect(makings.withLock { $0 } == 1)
        #expect(answers.withLock { $0 } == [42, 42, 42, 42])
    }

    /// A store that has loaded one scalar, and the writer still open on its run.
    private func loadedStore() throws -> (SummaryWriter, LogdirStore) {
        let root = temporaryDirectory()
        let writer = try SummaryWriter(logDir: root)
        writer.addScalar("loss", 1, step: 0)
        try writer.flush()
        let store = LogdirStore(root: root)
        store.reload()
        return (writer, store)
    }
}
