import Foundation
import HummingbirdTesting
import LumenBoard
import Testing
@testable import LumenServer
import LumenTestSupport

@Suite("/api/status?after= answers as soon as new data is read")
struct StatusWaitTests {
    static func generation(_ client: any TestClientProtocol, after: UInt64? = nil) async throws -> UInt64 {
        let (status, body) = try await client.json("/api/status", after.map { "after=\($0)" })
        #expect(status == 200)
        let number = try #require((body as? [String: Any])?["generation"] as? NSNumber)
        return number.uint64Value
    }

    @Test("A waiting request returns once a reload reads new records, with a newer generation")
    func waitsForNewData() async throws {
        let root = temporaryDirectory()
        let writer = try SummaryWriter(logDir: root)
        writer.addScalar("loss", 1, step: 0)
        try writer.flush()
        let api = loadedAPI(root)
        try await withBoard(api) { client in
            let first = try await Self.generation(client)
            #expect(first > 0)
            #expect(try await Self.generation(client, after: first - 1) == first, "an older generation answers at once")
            async let waited = Self.generation(client, after: first)
            writer.addScalar("loss", 0.5, step: 1)
            try writer.flush()
            api.store.reload()
            #expect(try await waited > first)
        }
        try writer.close()
    }

    @Test("A reload that finds nothing new keeps the generation")
    func unchangedReload() async throws {
        let api = try loggedAPI { $0.addScalar("loss", 1, step: 0) }
        let before = api.store.status.generation
        api.store.reload()
        #expect(api.store.status.generation == before)
    }

    @Test("The end of the first load is a new generation, even of an empty log directory")
    func loadingEndIsAChange() {
        let store = LogdirStore(root: temporaryDirectory())
        #expect(store.status.generation == 0 && !store.status.loaded)
        store.reload()
        #expect(store.status.generation == 1 && store.status.loaded)
        store.reload()
        #expect(store.status.generation == 1)
    }

    @Test("wait= bounds the wait: wait=0 answers at once with the same generation; too long is a 400")
    func boundedWait() async throws {
        let api = try loggedAPI { $0.addScalar("loss", 1, step: 0) }
        try await withBoard(api) { client in
            let current = try await Self.generation(client)
            let (status, body) = try await client.json("/api/status", "after=\(current)&wait=0")
            #expect(status == 200)
            #expect(((body as? [String: Any])?["generation"] as? NSNumber)?.uint64Value == current)
            let answer = try await client.error("/api/status", "after=\(current)&wait=60000")
            #expect(answer.status == 400 && answer.parameter == "wait" && answer.message.contains("60000"))
        }
    }

    @Test("A generation that is not a number is a 400 naming the parameter")
    func badGeneration() async throws {
        let api = try loggedAPI { $0.addScalar("loss", 1, step: 0) }
        try await withBoard(api) { client in
            let answer = try await client.error("/api/status", "after=soon")
            #expect(answer.status == 400 && answer.parameter == "after" && answer.message.contains("soon"))
        }
    }
}
