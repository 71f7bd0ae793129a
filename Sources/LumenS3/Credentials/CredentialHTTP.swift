import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1

/// The small blocking HTTP requests of credential endpoints (container, instance metadata, STS,
/// the SSO portal).
enum CredentialHTTP {
    struct Answer {
        var status: Int
        var body: Data
    }

    /// Sends `method url` with `headers` and `body`; fails after `timeout` seconds (to connect, and again
    /// to answer). Never call it on an event-loop thread.
    /// - Throws: what AsyncHTTPClient throws when no answer comes.
    static func send(_ method: HTTPMethod, _ url: String, headers: [(String, String)] = [], body: [UInt8] = [],
                     timeout: Double) throws -> Answer {
        let wait = TimeAmount.milliseconds(Int64(timeout * 1000))
        let client = HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup,
                                configuration: HTTPClient.Configuration(timeout: .init(connect: wait, read: wait)))
        defer { try? client.syncShutdown() }
        var request = try HTTPClient.Request(url: url, method: method)
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        if !body.isEmpty {
            request.body = .bytes(body)
        } else if method == .PUT {
            request.headers.add(name: "Content-Length", value: "0")
        }
        let response = try client.execute(request: request, deadline: .now() + wait + wait).wait()
        return Answer(status: Int(response.status.code), body: response.body.map { Data($0.readableBytesView) } ?? Data())
    }
}
