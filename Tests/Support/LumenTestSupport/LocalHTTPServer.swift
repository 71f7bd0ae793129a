import Foundation

/// A tiny HTTP/1.1 server on a free loopback port for tests of HTTP clients: each request
/// (headers only; bodies are not read) is answered by `handler` and the connection closed.
/// Requests are kept for the test to inspect. Stopped by ``stop()`` or when the value goes away.
public final class LocalHTTPServer: @unchecked Sendable {
    /// A request as received.
    public struct Request: Sendable {
        public let method: String
        /// The path and query.
        public let target: String
        /// Header values by lowercased name.
        public let headers: [String: String]
    }

    /// `http://127.0.0.1:PORT`.
    public let endpoint: String
    private let socketFD: Int32
    private let lock = NSLock()
    private var received: [Request] = []
    private var stopped = false
    private let finished = DispatchSemaphore(value: 0)

    /// Starts listening; `handler` gives each request's status and body.
    /// - Throws: ``LocalHTTPServerError`` when no port can be bound.
    public init(handler: @escaping @Sendable (Request) -> (status: Int, body: String)) throws {
        socketFD = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socketFD >= 0 else { throw LocalHTTPServerError(description: "socket() failed: \(String(cString: strerror(errno)))") }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let fd = socketFD
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, length) == 0 && listen(fd, 16) == 0 && getsockname(fd, $0, &length) == 0
            }
        }
        guard bound else {
            close(socketFD)
            throw LocalHTTPServerError(description: "cannot listen on a loopback port: \(String(cString: strerror(errno)))")
        }
        endpoint = "http://127.0.0.1:\(UInt16(bigEndian: address.sin_port))"
        Thread.detachNewThread { [self] in
            serve(handler)
            finished.signal()
        }
    }

    deinit { stop() }

    /// The requests received so far, in order.
    public var requests: [Request] { lock.withLock { received } }

    /// Stops listening and waits for the serving thread to end.
    public func stop() {
        let first = lock.withLock { () -> Bool in
            defer { stopped = true }
            return !stopped
        }
        guard first else { return }
        shutdown(socketFD, Int32(SHUT_RDWR))
        close(socketFD)
        finished.wait()
    }

    /// Send flags that keep a client gone early from raising SIGPIPE.
    #if os(Linux)
    private static let noSignal = Int32(MSG_NOSIGNAL)
    #else
    private static let noSignal: Int32 = 0
    #endif

    private func serve(_ handler: (Request) -> (status: Int, body: String)) {
        while true {
            let connection = accept(socketFD, nil, nil)
            if connection < 0 {
                if lock.withLock({ stopped }) { return }
                continue
            }
            defer { close(connection) }
            var data = [UInt8]()
            var chunk = [UInt8](repeating: 0, count: 4096)
            while !data.suffix(4).elementsEqual("\r\n\r\n".utf8) {
                let n = recv(connection, &chunk, chunk.count, 0)
                if n <= 0 { break }
                data += chunk[0..<n]
            }
            let lines = String(decoding: data, as: UTF8.self).components(separatedBy: "\r\n")
            let requestLine = lines.first?.split(separator: " ") ?? []
            guard requestLine.count >= 2 else { continue }
            var headers: [String: String] = [:]
            for line in lines.dropFirst() {
                guard let colon = line.firstIndex(of: ":") else { continue }
                headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            }
            let request = Request(method: String(requestLine[0]), target: String(requestLine[1]), headers: headers)
            lock.withLock { received.append(request) }
            let (status, body) = handler(request)
            let bytes = Array(body.utf8)
            let response = Array("HTTP/1.1 \(status) Status\r\nContent-Length: \(bytes.count)\r\nConnection: close\r\n\r\n".utf8) + bytes
            _ = response.withUnsafeBytes { send(connection, $0.baseAddress, $0.count, Self.noSignal) }
        }
    }
}

/// The local HTTP server could not be started.
public struct LocalHTTPServerError: Error, CustomStringConvertible {
    public let description: String
}
