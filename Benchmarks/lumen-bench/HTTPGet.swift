import Foundation
import LumenServer

/// A minimal blocking HTTP/1.1 GET over a loopback socket: the same small client for Lumen's
/// board and TensorBoard, so neither pays for a heavier client in the timings.
enum HTTPGet {
    /// The status code and body of `GET target` (path and query) from 127.0.0.1:`port`, or nil
    /// when nothing answers, or a server stays silent for `timeout` seconds.
    static func fetch(port: Int, target: String, timeout: Int = 120) -> (status: Int, body: Data)? {
        guard let fd = Loopback.connect(port: port) else { return nil }
        defer { close(fd) }
        var limit = timeval(tv_sec: timeout, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &limit, socklen_t(MemoryLayout<timeval>.size))
        let request = Array("GET \(target) HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n".utf8)
        guard send(fd, request, request.count, 0) == request.count else { return nil }
        var response = Data()
        var chunk = [UInt8](repeating: 0, count: 65_536)
        while true {
            let n = recv(fd, &chunk, chunk.count, 0)
            if n <= 0 { break }
            response.append(contentsOf: chunk[0..<n])
        }
        guard let headerEnd = response.range(of: Data("\r\n\r\n".utf8)),
              let statusLine = String(data: response[..<headerEnd.lowerBound], encoding: .utf8)?.split(separator: " "),
              statusLine.count > 1, let status = Int(statusLine[1]) else { return nil }
        var body = Data(response[headerEnd.upperBound...])
        let headers = String(decoding: response[..<headerEnd.lowerBound], as: UTF8.self).lowercased()
        if headers.contains("transfer-encoding: chunked") { body = dechunk(body) }
        return (status, body)
    }

    private static func dechunk(_ data: Data) -> Data {
        var out = Data()
        var rest = data[...]
        while let lineEnd = rest.range(of: Data("\r\n".utf8)),
              let size = Int(String(decoding: rest[..<lineEnd.lowerBound], as: UTF8.self), radix: 16), size > 0 {
            let start = lineEnd.upperBound
            out.append(rest[start..<start + size])
            rest = rest[(start + size + 2)...]
        }
        return out
    }
}
