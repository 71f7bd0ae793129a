import Foundation
import HummingbirdTesting
import LumenBoard
import LumenTestSupport
import Testing
@testable import LumenServer

@Suite("Several scalar series in one request")
struct ScalarBatchTests {
    /// A board with two runs of two tags each, and their ids by "run/tag".
    static func board() throws -> (BoardAPI, [String: String]) {
        let dir = temporaryDirectory()
        for run in ["a", "b"] {
            let writer = try SummaryWriter(logDir: dir + "/" + run)
            for step in 0..<50 {
                writer.addScalar("loss", Double(step) * (run == "a" ? 1 : 2), step: step)
                writer.addScalar("accuracy", 1 / Double(step + 1), step: step)
            }
            try writer.close()
        }
        let ids = Dictionary(uniqueKeysWithValues: ["a", "b"].flatMap { run in
            ["loss", "accuracy"].map { tag in ("\(run)/\(tag)", SeriesID.of(run: run, tag: tag)) }
        })
        return (loadedAPI(dir), ids)
    }

    /// A JSON object's text with sorted keys, to compare two answers.
    static func canonical(_ object: [String: Any]) throws -> String {
        String(decoding: try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]), as: UTF8.self)
    }

    @Test("Each entry is what /api/scalars answers for its id, in the order asked; an unknown id gets its 404 in place")
    func sameAsSingle() async throws {
        let (api, ids) = try Self.board()
        let unknown = String(repeating: "0", count: 32)
        let order = [ids["b/loss"]!, unknown, ids["a/accuracy"]!, ids["a/loss"]!]
        try await withBoard(api) { client in
            for parameters in ["width=10", "smoothing=0.6", "width=7&smoothing=0.3&smoothingKind=gaussian", "minStep=5&maxStep=20"] {
                let batch = try await client.json("/api/scalars/batch", "series=\(order.joined(separator: ","))&\(parameters)")
                #expect(batch.status == 200)
                let entries = try #require((batch.body as? [String: Any])?["series"] as? [[String: Any]])
                #expect(entries.count == 4)
                for (index, id) in order.enumerated() where id != unknown {
                    let single = try #require(try await client.json("/api/scalars", "series=\(id)&\(parameters)").body as? [String: Any])
                    #expect(try Self.canonical(entries[index]) == Self.canonical(single), "\(parameters): entry \(index)")
                }
                #expect(entries[1]["status"] as? Int == 404)
                #expect((entries[1]["error"] as? String)?.contains(unknown) == true)
            }
        }
    }

    @Test("A malformed id, too many ids or a bad parameter is a 400 for the whole request")
    func badRequests() async throws {
        let (api, ids) = try Self.board()
        try await withBoard(api) { client in
            let malformed = try await client.json("/api/scalars/batch", "series=\(ids["a/loss"]!),nothex")
            #expect(malformed.status == 400)
            #expect((malformed.body as? [String: Any])?["parameter"] as? String == "series")
            let many = Array(repeating: ids["a/loss"]!, count: BoardAPI.maximumBatchSeries + 1).joined(separator: ",")
            #expect(try await client.json("/api/scalars/batch", "series=\(many)").status == 400)
            let width = try await client.json("/api/scalars/batch", "series=\(ids["a/loss"]!)&width=0")
            #expect(width.status == 400 && (width.body as? [String: Any])?["parameter"] as? String == "width")
            #expect(try await client.json("/api/scalars/batch", "width=10").status == 400)
        }
    }

    /// Runs "a" and "b" with one `loss` point each, on a loaded board; ``grow()`` gives b a
    /// second point and reloads.
    struct TwoRuns {
        let api: BoardAPI
        let writers: [SummaryWriter]
        /// Both runs' `loss` series at width 100.
        static let series = "series=\(SeriesID.of(run: "a", tag: "loss")),\(SeriesID.of(run: "b", tag: "loss"))&width=100"

        init() throws {
            let dir = temporaryDirectory()
            writers = try ["a", "b"].map { try SummaryWriter(logDir: dir + "/" + $0) }
            for writer in writers { writer.addScalar("loss", 1, step: 0) }
            for writer in writers { try writer.flush() }
            api = loadedAPI(dir)
        }

        func grow() throws {
            writers[1].addScalar("loss", 2, step: 1)
            for writer in writers { try writer.close() }
            api.store.reload()
        }
    }

    /// The entries of a batch answer.
    static func entries(_ client: any TestClientProtocol, _ query: String) async throws -> [[String: Any]] {
        try #require((try await client.json("/api/scalars/batch", query).body as? [String: Any])?["series"] as? [[String: Any]])
    }

    @Test("The answer's tag gets a 304 until one of its series grows")
    func revalidation() async throws {
        let runs = try TwoRuns()
        let uri = "/api/scalars/batch?" + TwoRuns.series
        let before = try await withBoard(runs.api) { client in
            let first = try await client.get(uri)
            let etag = try #require(first.headers[.eTag])
            let again = try await client.execute(uri: uri, method: .get, headers: [.ifNoneMatch: etag])
            #expect(again.status == .notModified && again.body.readableBytes == 0)
            return etag
        }
        try runs.grow()
        try await withBoard(runs.api) { client in
            let after = try await client.execute(uri: uri, method: .get, headers: [.ifNoneMatch: before])
            #expect(after.status == .ok && after.headers[.eTag] != nil && after.headers[.eTag] != before)
            let body = try #require(try JSONSerialization.jsonObject(with: Data(after.body.readableBytesView)) as? [String: Any])
            let totals = (body["series"] as? [[String: Any]])?.map { $0["total"] as? Int }
            #expect(totals == [1, 2])
        }
    }

    @Test("With the versions the client holds, a series that did not change is answered as unchanged, one that grew in full")
    func knownVersions() async throws {
        let runs = try TwoRuns()
        let series = TwoRuns.series
        let versions = try await withBoard(runs.api) { client in
            let entries = try await Self.entries(client, series)
            let versions = entries.compactMap { $0["version"] as? String }
            #expect(versions.count == 2 && Set(versions).count == 2)
            let single = try #require(try await client.json("/api/scalars", "series=\(SeriesID.of(run: "a", tag: "loss"))&width=100").body as? [String: Any])
            #expect(single["version"] as? String == versions[0])
            let again = try await Self.entries(client, series + "&known=\(versions.joined(separator: ","))")
            #expect(again.map { $0["unchanged"] as? Bool } == [true, true] && again.map { $0["version"] as? String } == versions)
            #expect(again.allSatisfy { $0["value"] == nil })
            let partly = try await Self.entries(client, series + "&known=,\(versions[1])")
            #expect(partly[0]["value"] as? [Double] == [1] && partly[1]["unchanged"] as? Bool == true)
            let miscounted = try await client.json("/api/scalars/batch", series + "&known=\(versions[0])")
            #expect(miscounted.status == 400 && (miscounted.body as? [String: Any])?["parameter"] as? String == "known")
            return versions
        }
        try runs.grow()
        try await withBoard(runs.api) { client in
            let entries = try await Self.entries(client, series + "&known=\(versions.joined(separator: ","))")
            #expect(entries[0]["unchanged"] as? Bool == true)
            #expect(entries[1]["unchanged"] == nil && entries[1]["total"] as? Int == 2 && entries[1]["version"] as? String != versions[1])
        }
    }
}
