import Foundation
import HummingbirdTesting
import LumenBoard
import LumenPNG
import LumenTestSupport
import Testing
@testable import LumenServer

/// Every series can be asked for by its id, whatever its tag: a 64 KiB tag does not fit in a
/// request line (the HTTP parser refuses lines over 80 KiB), its id does.
@Suite("Series addressed by id")
struct SeriesAddressingTests {
    /// 32,768 × "é": 64 KiB of UTF-8, 196 KB once percent-encoded in a URL.
    static let longTag = String(repeating: "é", count: 32_768)

    /// The tags `/api/runs` lists for `run` (of every kind), each with its id as a client works
    /// it out from the run and tag.
    static func ids(_ client: any TestClientProtocol, run: String = ".") async throws -> [String: String] {
        let runs = try #require(try await client.json("/api/runs").body as? [[String: Any]])
        let listed = try #require(runs.first { $0["name"] as? String == run })
        #expect(listed["ids"] == nil, "the listing leaves the ids to the client")
        let tags = try #require(listed["tags"] as? [String: [String]]).values.joined()
        return Dictionary(tags.map { ($0, SeriesID.of(run: run, tag: $0)) }, uniquingKeysWith: { first, _ in first })
    }

    @Test("A 64 KiB tag is listed, and its scalars, histograms, texts and images are served by its id")
    func longTags() async throws {
        let tag = Self.longTag
        let api = try loggedAPI { writer in
            for step in 0..<3 { writer.addScalar(tag, 1.5 * Double(step), step: step) }
            try writer.addHistogram(tag + "/h", [1.0, 2, 3], step: 0)
            writer.addText(tag + "/t", "**bold**", step: 0)
            try writer.addImage(tag + "/i", [Float](repeating: 0.5, count: 3 * 4 * 5), shape: [3, 4, 5], step: 0)
        }
        try await withBoard(api) { client in
            let ids = try await Self.ids(client)
            let id = try #require(ids[tag])
            #expect(SeriesID.isWellFormed(id))
            #expect(Set(ids.values).count == 4)
            let histogramID = try #require(ids[tag + "/h"])
            let textID = try #require(ids[tag + "/t/text_summary"])
            let imageID = try #require(ids[tag + "/i"])

            let scalars = try #require(try await client.json("/api/scalars", "series=\(id)&width=800&smoothing=0.6").body as? [String: Any])
            #expect(scalars["tag"] as? String == tag && scalars["run"] as? String == ".")
            #expect(scalars["value"] as? [Double] == [0, 1.5, 3])
            let averaged = try #require(try await client.json("/api/scalars", "series=\(id)&smoothing=0.5&smoothingKind=moving-average").body as? [String: Any])
            #expect(averaged["smoothed"] as? [Double] == [0.75, 1.5, 2.25]) // n = 3 points: one step either side
            let csv = try await client.get("/api/scalars/export", "series=\(id)&format=csv")
            #expect(csv.status == .ok && csv.text.split(separator: "\n").count == 4)

            let histograms = try await client.json("/api/histograms", "series=\(histogramID)")
            #expect(histograms.status == 200 && (histograms.body as? [String: Any])?["tag"] as? String == tag + "/h")
            #expect(try await client.json("/api/distributions", "series=\(histogramID)").status == 200)

            let texts = try #require(try await client.json("/api/texts", "series=\(textID)").body as? [String: Any])
            #expect((texts["texts"] as? [[String: Any]])?.first?["html"] as? String == "<p><strong>bold</strong></p>")

            let images = try #require(try await client.json("/api/images", "series=\(imageID)").body as? [String: Any])
            let url = try #require((images["images"] as? [[String: Any]])?.first?["url"] as? String)
            #expect(url.utf8.count < 100, "\(url.prefix(120))")
            let png = try await client.get(url)
            #expect(try PNGDecoder.decode([UInt8](png.body.readableBytesView)).width == 5)
        }
    }

    /// Known answers computed with Python's integers; `Scripts/check_series_id.mjs` holds the
    /// page's implementation to the same ones.
    @Test("An id is the 128-bit FNV-1a hash of the run, a zero byte and the tag (known answers from Python)")
    func knownIDs() {
        #expect(SeriesID.of(run: ".", tag: "loss") == "5badd9e3b03c64bf6e12fd9ef7434b2c")
        #expect(SeriesID.of(run: "", tag: "") == "d228cb69101a8caf78912b704e4a147f")
        #expect(SeriesID.of(run: "session-00000", tag: "metric/m0") == "16eec980a62e23decd100c79a92d5372")
        #expect(SeriesID.of(run: "trial 2/é", tag: "Grad-CAM/overlays") == "d2ccc49269520ea9ed5f3e11f6da9294")
        #expect(SeriesID.of(run: "runs/日本", tag: "ü/😀 tag") == "359db0047d69a437e97613158a4f7491")
        #expect(SeriesID.of(run: ".", tag: Self.longTag) == "bc303120ef74270b037f24c61608876b")
    }

    @Test("An id stays valid as new tags and runs appear, and is the same on every start of the board")
    func stableIDs() async throws {
        let root = temporaryDirectory()
        let writer = try SummaryWriter(logDir: root)
        writer.addScalar("loss", 1.0, step: 0)
        try writer.flush()
        let api = loadedAPI(root)
        let before = try await withBoard(api) { client in try await Self.ids(client) }

        for step in 1..<4 { writer.addScalar("accuracy", 0.5, step: step) }
        writer.addScalar("loss", 0.5, step: 1)
        try writer.close()
        let other = try SummaryWriter(logDir: root + "/other")
        other.addScalar("loss", 2.0, step: 0)
        try other.close()
        api.store.reload()

        try await withBoard(api) { client in
            let after = try await Self.ids(client)
            let lossID = try #require(before["loss"])
            #expect(after["loss"] == lossID)
            let loss = try #require(try await client.json("/api/scalars", "series=\(lossID)").body as? [String: Any])
            #expect(loss["value"] as? [Double] == [1, 0.5])
            // Tags that appeared since the first listing are found by their new ids.
            let accuracyID = try #require(after["accuracy"])
            let accuracy = try #require(try await client.json("/api/scalars", "series=\(accuracyID)").body as? [String: Any])
            #expect(accuracy["step"] as? [Int] == [1, 2, 3])
            let otherLoss = try #require(try await Self.ids(client, run: "other")["loss"])
            #expect(otherLoss != before["loss"])
            #expect((try await client.json("/api/scalars", "series=\(otherLoss)").body as? [String: Any])?["run"] as? String == "other")
        }
        // A board started afresh on the same log directory serves the series by the same id.
        let lossID = try #require(before["loss"])
        let restarted = try await withBoard(loadedAPI(root)) { client in
            (try await client.json("/api/scalars", "series=\(lossID)").body as? [String: Any])?["value"] as? [Double]
        }
        #expect(restarted == [1, 0.5])
    }

    @Test("A malformed id gets a 400 and an unknown one a 404, both naming the parameter")
    func badIDs() async throws {
        let api = try loggedAPI { $0.addScalar("loss", 1.0) }
        try await withBoard(api) { client in
            let malformed = try await client.error("/api/scalars", "series=not-an-id")
            #expect(malformed.status == 400 && malformed.parameter == "series" && malformed.message.contains("32 hexadecimal digits"))
            let unknown = try await client.error("/api/texts", "series=\(String(repeating: "0", count: 32))")
            #expect(unknown.status == 404 && unknown.parameter == "series" && unknown.message.contains("FNV-1a"))
            // The series exists, but holds scalars, not histograms.
            let id = SeriesID.of(run: ".", tag: "loss")
            let wrongKind = try await client.error("/api/histograms", "series=\(id)")
            #expect(wrongKind.status == 404 && wrongKind.parameter == "series" && wrongKind.message.contains("no histograms"), "\(wrongKind.message)")
        }
    }
}
