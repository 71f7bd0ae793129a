import Foundation
import Hummingbird
import HummingbirdTesting
import LumenBoard
import Testing
@testable import LumenServer

@Suite("Gzip: text answers compressed for clients that accept it")
struct CompressionTests {
    /// A run with one long scalar series, whose answers are far above the size gzip skips.
    static func longSeriesAPI() throws -> BoardAPI {
        try loggedAPI { writer in
            for step in 0..<3000 { writer.addScalar("loss", 1 / Double(step + 1), step: step, wallTime: 1.7e9 + Double(step) * 0.25) }
        }
    }

    static let series = query(["run": ".", "tag": "loss"])

    @Test("A gzipped series, inflated by zlib, is byte for byte the identity answer", arguments: ["/api/scalars", "/api/scalars/export"])
    func roundTrip(path: String) async throws {
        try await withBoard(try Self.longSeriesAPI()) { client in
            let identity = try await client.get(path, Self.series)
            let gzipped = try await client.execute(uri: "\(path)?\(Self.series)", method: .get, headers: [.acceptEncoding: "gzip, deflate, br"])
            #expect(identity.status == .ok && gzipped.status == .ok)
            #expect(identity.headers[.contentEncoding] == nil && gzipped.headers[.contentEncoding] == "gzip")
            #expect(identity.headers[.vary] == "Accept-Encoding" && gzipped.headers[.vary] == "Accept-Encoding")
            #expect(gzipped.headers[.contentLength] == nil, "compressed while sent, so its length is not known ahead")
            let body = Array(gzipped.body.readableBytesView)
            #expect(body.count < identity.body.readableBytes / 2, "\(body.count) bytes gzipped of \(identity.body.readableBytes)")
            #expect(gunzip(body) == Array(identity.body.readableBytesView))
        }
    }

    @Test("Accept-Encoding decides: q=0 refuses gzip, * allows it, identity and no header get identity",
          arguments: [("gzip", true), ("GZIP;q=0.3", true), ("x-gzip", true), ("*", true), ("br, *;q=0.1", true),
                      ("gzip;q=0", false), ("gzip; q=0.0, identity", false), ("identity", false), ("*;q=0", false),
                      ("br, deflate", false), ("*, gzip;q=0", false), (nil, false)] as [(String?, Bool)])
    func acceptEncoding(header: String?, gzipped: Bool) async throws {
        try await withBoard(try Self.longSeriesAPI()) { client in
            let headers: HTTPFields = header.map { [.acceptEncoding: $0] } ?? [:]
            let response = try await client.execute(uri: "/api/scalars?\(Self.series)", method: .get, headers: headers)
            #expect(response.status == .ok)
            #expect((response.headers[.contentEncoding] == "gzip") == gzipped)
            let text = gzipped ? gunzip(Array(response.body.readableBytesView)).map { String(decoding: $0, as: UTF8.self) } : response.text
            #expect(text?.hasPrefix("{\"run\":\".\"") == true)
        }
    }

    @Test("Small answers and images go as they are")
    func smallAndImages() async throws {
        try await withBoard(try fixtureAPI()) { client in
            let status = try await client.execute(uri: "/api/status", method: .get, headers: [.acceptEncoding: "gzip"])
            #expect(status.status == .ok && status.body.readableBytes < Gzip.minimumBytes)
            #expect(status.headers[.contentEncoding] == nil && status.headers[.vary] == "Accept-Encoding")
            let image = try await client.execute(uri: "/api/image?" + query(["run": "tf2", "tag": "tf2/image", "index": "0"]),
                                                 method: .get, headers: [.acceptEncoding: "gzip"])
            #expect(image.status == .ok && image.headers[.contentType] == "image/png")
            #expect(image.headers[.contentEncoding] == nil && image.headers[.vary] == nil)
        }
    }

    @Test("The page, its script and its style sheet come gzipped with their length", arguments: ["/", "/app.js", "/style.css"])
    func staticFiles(path: String) async throws {
        try await withBoard(try fixtureAPI()) { client in
            let identity = try await client.get(path)
            let gzipped = try await client.execute(uri: path, method: .get, headers: [.acceptEncoding: "gzip"])
            #expect(gzipped.headers[.contentEncoding] == "gzip" && gzipped.headers[.vary] == "Accept-Encoding")
            #expect(gzipped.headers[.contentLength] == String(gzipped.body.readableBytes))
            #expect(gzipped.body.readableBytes < identity.body.readableBytes)
            #expect(gunzip(Array(gzipped.body.readableBytesView)) == Array(identity.body.readableBytesView))
        }
    }

    @Test("HEAD gets GET's headers, encoding, tag and length (none when gzipped on the fly) included, and no body",
          arguments: ["/api/scalars?" + series, "/"], ["gzip", "identity"])
    func head(uri: String, encoding: String) async throws {
        try await withBoard(try Self.longSeriesAPI()) { client in
            let get = try await client.execute(uri: uri, method: .get, headers: [.acceptEncoding: encoding])
            let head = try await client.execute(uri: uri, method: .head, headers: [.acceptEncoding: encoding])
            #expect(head.status == .ok && head.body.readableBytes == 0)
            for field: HTTPFields.Element.Name in [.contentType, .vary, .eTag, .cacheControl] {
                #expect(head.headers[field] != nil && head.headers[field] == get.headers[field], "\(field)")
            }
            #expect(head.headers[.contentEncoding] == get.headers[.contentEncoding])
            #expect(head.headers[.contentLength] == get.headers[.contentLength])
            #expect((get.headers[.contentEncoding] == "gzip") == (encoding == "gzip"))
        }
    }
}
