import Foundation
import LumenBoard
@testable import LumenServer
import LumenTestSupport
import Testing

/// The board over a real loopback socket, for what only a socket shows: malformed and hostile
/// bytes, a request line too long for the HTTP parser, and clients that stall. Everything else
/// is tested in process (``withBoard(_:_:)``).
@Suite("Live board server")
struct LiveServerTests {
    /// Sends `bytes` and reads until the server closes the connection or stays silent for
    /// `seconds` (hostile requests may be left unanswered, so their wait is short).
    static func exchange(_ bytes: [UInt8], port: Int, seconds: Int = 5) -> String {
        guard let fd = Loopback.connect(port: port) else { return "" }
        defer { close(fd) }
        var timeout = timeval(tv_sec: seconds, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        _ = send(fd, bytes, bytes.count, Int32(MSG_NOSIGNAL))
        var response = [UInt8]()
        var chunk = [UInt8](repeating: 0, count: 65_536)
        while true {
            let n = recv(fd, &chunk, chunk.count, 0)
            if n <= 0 { break }
            response += chunk[0..<n]
        }
        return String(decoding: response, as: UTF8.self)
    }

    /// A well-formed request, always answered: waits up to two minutes, since two busy cores
    /// can delay an answer by seconds.
    static func get(_ target: String, port: Int) -> String {
        exchange(Array("GET \(target) HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".utf8), port: port, seconds: 120)
    }

    /// The body of an HTTP response.
    static func body(_ response: String) -> String {
        response.components(separatedBy: "\r\n\r\n").dropFirst().joined(separator: "\r\n\r\n")
    }

    @Test("Over a socket: serves a 64 KiB tag by its id, survives garbage, oversized and hostile requests, and drops stalled clients")
    func realSocket() async throws {
        let root = temporaryDirectory()
        try FileManager.default.copyItem(atPath: fixtures + "/tf2", toPath: root + "/tf2")
        let writer = try SummaryWriter(logDir: root + "/long")
        for step in 0..<3 { writer.addScalar(SeriesAddressingTests.longTag, Double(step), step: step) }
        try writer.close()

        let server = BoardServer(logdir: root, host: "127.0.0.1", port: 0, reloadInterval: 60, idleTimeout: .seconds(2))
        let (ports, listening) = AsyncStream.makeStream(of: Int.self)
        let task = Task {
            try? await server.run { listening.yield($0) }
            listening.finish()
        }
        defer { task.cancel() }
        var next = ports.makeAsyncIterator()
        let port = try #require(await next.next(), "the server stopped before listening")

        // Wait for the first load to finish (seconds on two busy cores), asking as a client would.
        let deadline = ContinuousClock.now + .seconds(120)
        while !Self.get("/api/status", port: port).contains("\"loaded\":true") {
            try #require(ContinuousClock.now < deadline, "the log directory did not load within two minutes")
            try await Task.sleep(for: .milliseconds(50))
        }
        let runs = Self.get("/api/runs", port: port)
        #expect(runs.hasPrefix("HTTP/1.1 200") && runs.contains("\"tf2\""), "\(runs.prefix(200))")
        #expect(Self.get("/", port: port).hasPrefix("HTTP/1.1 200"))

        // HEAD is answered as GET is, without the body.
        let head = Self.exchange(Array("HEAD /api/runs HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".utf8), port: port, seconds: 120)
        #expect(head.hasPrefix("HTTP/1.1 200") && head.hasSuffix("\r\n\r\n"), "\(head.prefix(120))")
        #expect(head.lowercased().contains("content-length: \(Self.body(runs).utf8.count)\r\n"))

        // A 64 KiB tag cannot be put in a request line (196 KB percent-encoded); its id can.
        let listed = try #require(try JSONSerialization.jsonObject(with: Data(Self.body(runs).utf8)) as? [[String: Any]])
        let longRun = try #require(listed.first { $0["name"] as? String == "long" })
        #expect((longRun["tags"] as? [String: [String]])?["scalars"] == [SeriesAddressingTests.longTag])
        let id = SeriesID.of(run: "long", tag: SeriesAddressingTests.longTag)
        let scalars = Self.get("/api/scalars?series=\(id)&width=600", port: port)
        #expect(scalars.hasPrefix("HTTP/1.1 200") && scalars.contains("\"total\":3"), "\(scalars.prefix(200))")
        // By run and tag the parser refuses the request line, with a message saying what to do.
        let refused = Self.get("/api/scalars?\(query(["run": "long", "tag": SeriesAddressingTests.longTag]))", port: port)
        #expect(refused.hasPrefix("HTTP/1.1 400") && Self.body(refused).contains("by its id"), "\(refused.prefix(300))")

        let hostile: [[UInt8]] = [
            Array("GARBAGE\r\n\r\n".utf8),
            (0..<5_000).map { UInt8(truncatingIfNeeded: $0 &* 7919) },
            Array("GET /api/scalars?run=%ZZ&tag=%%% HTTP/1.1\r\nHost: x\r\n\r\n".utf8),
            Array("GET /\(String(repeating: "../", count: 2_000))etc/passwd HTTP/1.1\r\nHost: x\r\n\r\n".utf8),
            Array("GET /api/scalars?\(String(repeating: "a=b&", count: 20_000)) HTTP/1.1\r\nHost: x\r\n\r\n".utf8),
            Array("POST /api/runs HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nhello".utf8),
            Array("GET /api/image?run=tf2&tag=tf2/image&index=99999999999999999999 HTTP/1.1\r\nHost: x\r\n\r\n".utf8),
        ]
        for request in hostile {
            let answer = Self.exchange(request, port: port)
            #expect(!answer.contains("root:"), "leaked a file")
            #expect(!answer.hasPrefix("HTTP/1.1 200"), "accepted a hostile request: \(answer.prefix(80))")
            if answer.hasPrefix("HTTP/1.1 4") {
                let message = (try? JSONSerialization.jsonObject(with: Data(Self.body(answer).utf8)) as? [String: String])?["error"]
                #expect(message?.isEmpty == false, "a 4xx without a message: \(answer.prefix(300))")
            }
        }
        #expect(Self.get("/api/scalars?run=tf2&tag=tf2%2Ffloat_val", port: port).contains("\"total\":5"), "still serving")

        // A client that stops halfway through its request is disconnected after the idle timeout.
        let fd = try #require(Loopback.connect(port: port))
        defer { close(fd) }
        var wait = timeval(tv_sec: 120, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &wait, socklen_t(MemoryLayout<timeval>.size))
        let partial = Array("GET /api/runs HT".utf8)
        _ = send(fd, partial, partial.count, Int32(MSG_NOSIGNAL))
        var byte: UInt8 = 0
        let started = ContinuousClock.now
        let received = recv(fd, &byte, 1, 0)
        // 0: the server closed the connection (a timeout of our own would give −1 after 120 s).
        #expect(received == 0, "recv gave \(received) after \(ContinuousClock.now - started)")
    }
}
