import Foundation
@testable import LumenServer
import LumenTestSupport
import Testing

/// The board over a real loopback socket: it answers, and malformed or hostile requests do not
/// bring it down.
@Suite("Live board server")
struct LiveServerTests {
    /// Sends raw bytes to 127.0.0.1:`port` and returns whatever comes back before the server
    /// closes the connection (or five seconds pass).
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

    /// A well-formed request, always answered: waits up to a minute, since two busy cores can
    /// delay an answer by seconds.
    static func get(_ target: String, port: Int) -> String {
        exchange(Array("GET \(target) HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".utf8), port: port, seconds: 60)
    }

    @Test("A client that stops halfway through its request is disconnected after the idle timeout")
    func dropsStalledClients() async throws {
        let server = BoardServer(logdir: temporaryDirectory(), host: "127.0.0.1", port: 0, reloadInterval: 60, idleTimeout: .seconds(1))
        let bound = PortHolder()
        let task = Task { try await server.run { bound.set($0) } }
        defer { task.cancel() }
        let deadline = ContinuousClock.now + .seconds(60)
        while bound.port == nil && ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(25)) }
        let port = try #require(bound.port)
        let fd = try #require(Loopback.connect(port: port))
        defer { close(fd) }
        var wait = timeval(tv_sec: 60, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &wait, socklen_t(MemoryLayout<timeval>.size))
        let partial = Array("GET /api/runs HT".utf8)
        _ = send(fd, partial, partial.count, Int32(MSG_NOSIGNAL))
        var byte: UInt8 = 0
        let started = ContinuousClock.now
        let received = recv(fd, &byte, 1, 0)
        // 0: the server closed the connection (a timeout of our own would give −1 after 60 s).
        #expect(received == 0, "recv gave \(received) after \(ContinuousClock.now - started)")
    }

    @Test("Serves the API and UI over HTTP, and survives garbage, oversized and hostile requests")
    func survivesHostileRequests() async throws {
        let root = temporaryDirectory()
        try FileManager.default.copyItem(atPath: fixtures + "/tf2", toPath: root + "/tf2")
        let server = BoardServer(logdir: root, host: "127.0.0.1", port: 0, reloadInterval: 60)
        let bound = PortHolder()
        let task = Task { try await server.run { bound.set($0) } }
        defer { task.cancel() }
        // Generous: on two busy cores the first load can take seconds.
        let deadline = ContinuousClock.now + .seconds(60)
        while (bound.port == nil || !server.api.store.status.loaded) && ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(25))
        }
        let port = try #require(bound.port)
        #expect(Self.get("/api/runs", port: port).contains("\"tf2\""))
        #expect(Self.get("/", port: port).contains("200"))
        // HEAD is answered as GET is, without the body.
        let get = Self.get("/api/runs", port: port)
        let head = Self.exchange(Array("HEAD /api/runs HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".utf8), port: port, seconds: 60)
        let getBody = get.components(separatedBy: "\r\n\r\n").dropFirst().joined(separator: "\r\n\r\n")
        #expect(head.hasPrefix("HTTP/1.1 200") && head.hasSuffix("\r\n\r\n"), "\(head.prefix(120))")
        #expect(head.lowercased().contains("content-length: \(getBody.utf8.count)\r\n"))

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
        }
        #expect(Self.get("/api/scalars?run=tf2&tag=tf2%2Ffloat_val", port: port).contains("\"total\":5"), "still serving")
    }
}

/// The port reported by the server's callback.
final class PortHolder: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Int?
    var port: Int? { lock.withLock { value } }
    func set(_ port: Int) { lock.withLock { value = port } }
}
