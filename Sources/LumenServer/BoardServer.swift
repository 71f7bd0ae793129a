import Foundation
import Hummingbird
import LumenBoard

/// `lumen board`: serves the board's UI and JSON API for a log directory, reloading it every
/// `reloadInterval` seconds so that runs still being written show up live.
public struct BoardServer: Sendable {
    public let api: BoardAPI
    public let host: String
    public let port: Int

    public init(logdir: String, host: String = "127.0.0.1", port: Int = 6006, reloadInterval: Double = 5) {
        api = BoardAPI(store: LogdirStore(root: logdir), reloadInterval: reloadInterval)
        self.host = host
        self.port = port
    }

    /// Loads the log directory in the background, serves until cancelled, and calls
    /// `onListening` with the bound port once the server accepts connections.
    public func run(onListening: @escaping @Sendable (Int) -> Void = { _ in }) async throws {
        let router = Router()
        let api = self.api
        let handler: @Sendable (Request, BasicRequestContext) async throws -> Response = { request, _ in
            let answer = api.respond(path: request.uri.path, query: request.uri.query)
            var headers = HTTPFields()
            headers[.contentType] = answer.contentType
            for header in answer.headers {
                switch header.name {
                case "Cache-Control": headers[.cacheControl] = header.value
                case "Content-Disposition": headers[.contentDisposition] = header.value
                default: preconditionFailure("BoardServer: unmapped header \(header.name)")
                }
            }
            return Response(status: .init(code: answer.status), headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: answer.body)))
        }
        router.get("/", use: handler)
        router.get("**", use: handler)
        let app = Application(
            router: router,
            configuration: .init(address: .hostname(host, port: port), serverName: "lumen"),
            onServerRunning: { channel in onListening(channel.localAddress?.port ?? 0) }
        )
        let reloader = ReloadLoop(store: api.store, interval: api.reloadInterval)
        reloader.start()
        defer { reloader.stop() }
        try await app.runService()
    }
}
