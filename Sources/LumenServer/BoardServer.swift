import Foundation
import Hummingbird
import LumenBoard

/// `lumen board`: serves the board's UI and JSON API for a log directory, reloading it every
/// `reloadInterval` seconds so that runs still being written show up live.
public struct BoardServer: Sendable {
    public let api: BoardAPI
    public let host: String
    public let port: Int
    /// A connection that sends nothing for this long — an idle keep-alive, or a client that
    /// stopped halfway through its request — is closed, so slow clients cannot hold the
    /// server's descriptors.
    public let idleTimeout: Duration

    public init(logdir: String, host: String = "127.0.0.1", port: Int = 6006, reloadInterval: Double = 5,
                idleTimeout: Duration = .seconds(30)) {
        api = BoardAPI(store: LogdirStore(root: logdir), reloadInterval: reloadInterval)
        self.host = host
        self.port = port
        self.idleTimeout = idleTimeout
    }

    /// Loads the log directory in the background, serves until cancelled, and calls
    /// `onListening` with the bound port once the server accepts connections.
    public func run(onListening: @escaping @Sendable (Int) -> Void = { _ in }) async throws {
        let router = Router()
        let api = self.api
        let handler: @Sendable (Request, BasicRequestContext) async throws -> Response = { request, _ in
            let answer = api.respond(path: request.uri.path, query: request.uri.query)
            return Self.response(answer, withBody: request.method != .head)
        }
        router.get("/", use: handler)
        router.get("**", use: handler)
        router.head("/", use: handler)
        router.head("**", use: handler)
        let app = Application(
            router: router,
            server: .http1(configuration: .init(idleTimeout: .nanoseconds(idleTimeout.nanoseconds))),
            configuration: .init(address: .hostname(host, port: port), serverName: "lumen"),
            onServerRunning: { channel in onListening(channel.localAddress?.port ?? 0) }
        )
        let reloader = ReloadLoop(store: api.store, interval: api.reloadInterval)
        reloader.start()
        defer { reloader.stop() }
        try await app.runService()
    }

    /// The HTTP response for an API answer; a HEAD request gets the same status and headers,
    /// with the length of the body it would have had, and no body.
    private static func response(_ answer: BoardResponse, withBody: Bool) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = answer.contentType
        for header in answer.headers {
            switch header.name {
            case "Cache-Control": headers[.cacheControl] = header.value
            case "Content-Disposition": headers[.contentDisposition] = header.value
            default: preconditionFailure("BoardServer: unmapped header \(header.name)")
            }
        }
        guard withBody else {
            headers[.contentLength] = String(answer.body.count)
            return Response(status: .init(code: answer.status), headers: headers)
        }
        return Response(status: .init(code: answer.status), headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: answer.body)))
    }
}

extension Duration {
    /// The duration in whole nanoseconds.
    var nanoseconds: Int64 { components.seconds * 1_000_000_000 + components.attoseconds / 1_000_000_000 }
}
