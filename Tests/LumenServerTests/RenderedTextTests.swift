import Foundation
import HummingbirdTesting
import LumenBoard
import LumenTestSupport
import Testing
@testable import LumenServer

@Suite("Rendered texts are cached")
struct RenderedTextTests {
    /// The HTML of each text of the root run's tag `notes`.
    static func html(_ client: any TestClientProtocol) async throws -> [String] {
        let body = try #require(try await client.json("/api/texts", query(["run": ".", "tag": "notes/text_summary"])).body as? [String: Any])
        return try #require((body["texts"] as? [[String: Any]])?.compactMap { $0["html"] as? String })
    }

    @Test("Asking again renders nothing; a text replaced by a restart is rendered afresh")
    func cachedThroughTheAPI() async throws {
        let root = temporaryDirectory()
        let writer = try SummaryWriter(logDir: root)
        writer.addText("notes", "# first", step: 0)
        writer.addText("notes", "*second*", step: 1)
        try writer.flush()
        let api = loadedAPI(root)
        try await withBoard(api) { client in
            let first = try await Self.html(client)
            #expect(first == ["<h1>first</h1>", "<p><em>second</em></p>"])
            #expect(api.renderedTexts.renderCount == 2)
            #expect(try await Self.html(client) == first)
            #expect(api.renderedTexts.renderCount == 2, "a second request rendered again")
        }
        // The run restarts at step 1 with another text there: only that one is rendered again.
        writer.addText("notes", "**replaced**", step: 1)
        try writer.close()
        api.store.reload()
        try await withBoard(api) { client in
            let html = try await Self.html(client)
            #expect(html == ["<h1>first</h1>", "<p><strong>replaced</strong></p>"])
            #expect(api.renderedTexts.renderCount == 3)
        }
    }

    @Test("The cache is bounded and drops the least recently used texts first")
    func bounded() {
        let cache = RenderedTextCache(capacity: 8, render: { "<p>\($0)</p>" })
        func key(_ i: Int) -> RenderedTextCache.Key { .init(series: SeriesID.of(run: ".", tag: "t"), step: Int64(i), index: i) }
        for i in 0..<8 { _ = cache.html(for: "text \(i)", at: key(i)) }
        _ = cache.html(for: "text 0", at: key(0))  // 0 is now the most recently used
        for i in 8..<12 { _ = cache.html(for: "text \(i)", at: key(i)) }
        #expect(cache.renderCount == 12)
        _ = cache.html(for: "text 0", at: key(0))
        #expect(cache.renderCount == 12, "the most recently used text was dropped")
        _ = cache.html(for: "text 1", at: key(1))
        #expect(cache.renderCount == 13, "the least recently used text was kept")
    }
}
