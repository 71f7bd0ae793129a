import Foundation
import Hummingbird
import HummingbirdTesting
import LumenBoard
import LumenTestSupport
import Testing
@testable import LumenServer

@Suite("ETags and 304: the browser asks again and gets nothing when nothing changed")
struct CachingTests {
    @Test("A series answer's tag is the same on two requests, and naming it gets a bodiless 304",
          arguments: ["/api/scalars", "/api/scalars/export", "/api/histograms", "/api/distributions", "/api/images", "/api/texts"])
    func notModified(path: String) async throws {
        let tags = ["/api/scalars": "scalar/float", "/api/scalars/export": "scalar/float", "/api/histograms": "hist/normal",
                    "/api/distributions": "hist/normal", "/api/images": "img/chw_rgb", "/api/texts": "text/markdown/text_summary"]
        let uri = path + "?" + query(["run": "torch", "tag": tags[path]!])
        try await withBoard(try fixtureAPI()) { client in
            let first = try await client.get(uri)
            let second = try await client.get(uri)
            #expect(first.status == .ok, "\(first.text)")
            let etag = try #require(first.headers[.eTag])
            #expect(etag.hasPrefix("\"") && etag.hasSuffix("\"") && second.headers[.eTag] == etag)
            #expect(first.headers[.cacheControl] == "no-cache")
            let revalidated = try await client.execute(uri: uri, method: .get, headers: [.ifNoneMatch: etag])
            #expect(revalidated.status == .notModified && revalidated.body.readableBytes == 0)
            #expect(revalidated.headers[.eTag] == etag && revalidated.headers[.cacheControl] == "no-cache")
            let other = try await client.execute(uri: uri, method: .get, headers: [.ifNoneMatch: "\"0123\", W/\"4567\""])
            #expect(other.status == .ok)
        }
    }

    @Test("The gzip answer has its own tag, and either tag revalidates")
    func gzipTag() async throws {
        try await withBoard(try CompressionTests.longSeriesAPI()) { client in
            let uri = "/api/scalars?" + CompressionTests.series
            let identity = try #require(try await client.get(uri).headers[.eTag])
            let gzipped = try #require(try await client.execute(uri: uri, method: .get, headers: [.acceptEncoding: "gzip"]).headers[.eTag])
            #expect(gzipped != identity && gzipped == String(identity.dropLast()) + "-gz\"")
            for held in [identity, gzipped, "W/\(gzipped)", "\"x\", \(gzipped)", "*"] {
                let answer = try await client.execute(uri: uri, method: .get, headers: [.acceptEncoding: "gzip", .ifNoneMatch: held])
                #expect(answer.status == .notModified, "\(held)")
            }
        }
    }

    @Test("A different question about the same series has a different tag")
    func queryInTag() async throws {
        try await withBoard(try CompressionTests.longSeriesAPI()) { client in
            let narrow = try await client.get("/api/scalars", CompressionTests.series + "&width=10")
            let wide = try await client.get("/api/scalars", CompressionTests.series + "&width=1000")
            #expect(narrow.headers[.eTag] != nil && narrow.headers[.eTag] != wide.headers[.eTag])
        }
    }

    @Test("Once the run grows, the series gets a new tag and the old one gets the new data")
    func grownSeries() async throws {
        let dir = temporaryDirectory()
        let writer = try SummaryWriter(logDir: dir)
        for step in 0..<10 { writer.addScalar("loss", Double(step), step: step) }
        try writer.flush()
        let api = loadedAPI(dir)
        let uri = "/api/scalars?" + query(["run": ".", "tag": "loss"])
        let before = try await withBoard(api) { client in try #require(try await client.get(uri).headers[.eTag]) }
        writer.addScalar("loss", 10, step: 10)
        try writer.close()
        api.store.reload()
        try await withBoard(api) { client in
            let after = try await client.execute(uri: uri, method: .get, headers: [.ifNoneMatch: before])
            #expect(after.status == .ok && after.headers[.eTag] != nil && after.headers[.eTag] != before)
            let series = try #require(try JSONSerialization.jsonObject(with: Data(after.body.readableBytesView)) as? [String: Any])
            #expect(series["total"] as? Int == 11)
        }
    }

    @Test("A restart that replaces points gives a new tag even when the count is the same")
    func replacedPoints() async throws {
        let dir = temporaryDirectory()
        let writer = try SummaryWriter(logDir: dir)
        for step in 0..<5 { writer.addScalar("loss", Double(step), step: step) }
        try writer.flush()
        let api = loadedAPI(dir)
        let uri = "/api/scalars?" + query(["run": ".", "tag": "loss"])
        let before = try await withBoard(api) { client in try #require(try await client.get(uri).headers[.eTag]) }
        writer.addScalar("loss", -1, step: 4)
        try writer.close()
        api.store.reload()
        try await withBoard(api) { client in
            let after = try await client.execute(uri: uri, method: .get, headers: [.ifNoneMatch: before])
            #expect(after.status == .ok && after.headers[.eTag] != before)
        }
    }

    @Test("Static files carry a content tag and revalidate to 304", arguments: ["/", "/index.html", "/app.js", "/style.css"])
    func staticFiles(path: String) async throws {
        try await withBoard(try fixtureAPI()) { client in
            let first = try await client.get(path)
            let etag = try #require(first.headers[.eTag])
            #expect(first.headers[.cacheControl] == "no-cache")
            let revalidated = try await client.execute(uri: path, method: .get, headers: [.ifNoneMatch: etag])
            #expect(revalidated.status == .notModified && revalidated.body.readableBytes == 0 && revalidated.headers[.eTag] == etag)
            let gzipped = try await client.execute(uri: path, method: .get, headers: [.acceptEncoding: "gzip"])
            let gzipTag = try #require(gzipped.headers[.eTag])
            #expect(gzipTag != etag)
            let again = try await client.execute(uri: path, method: .get, headers: [.acceptEncoding: "gzip", .ifNoneMatch: gzipTag])
            #expect(again.status == .notModified && again.headers[.vary] == "Accept-Encoding")
            let stale = try await client.execute(uri: path, method: .get, headers: [.ifNoneMatch: "\"0000\""])
            #expect(stale.status == .ok && stale.body.readableBytes == first.body.readableBytes)
        }
    }

    @Test("Two boards over the same logs tag the same series differently: a tag from before a restart never matches")
    func perProcess() async throws {
        let dir = try fixtureAPI().store.root
        let uri = "/api/scalars?" + query(["run": "torch", "tag": "scalar/float"])
        let first = try await withBoard(loadedAPI(dir)) { try #require(try await $0.get(uri).headers[.eTag]) }
        let second = try await withBoard(loadedAPI(dir)) { try #require(try await $0.get(uri).headers[.eTag]) }
        #expect(first != second)
    }
}
