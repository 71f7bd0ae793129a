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

    public init(logdir: String, host: String = "127.0.0.1", port: Int = 6006, reloadInterval: Double = 1,
                idleTimeout: Duration = .seconds(30)) {
        self.init(spec: LogdirSpec(logdir: logdir), host: host, port: port, reloadInterval: reloadInterval, idleTimeout: idleTimeout)
    }

    /// A board over every log directory of `spec` (`--logdir-spec`), runs prefixed by their entry's name.
    public init(spec: LogdirSpec, host: String = "127.0.0.1", port: Int = 6006, reloadInterval: Double = 1,
                idleTimeout: Duration = .seconds(30)) {
        self.init(api: BoardAPI(store: LogdirStore(spec: spec), reloadInterval: reloadInterval),
                  host: host, port: port, idleTimeout: idleTimeout)
    }

    /// A server for `api`, whose store the caller loads (``run(onListening:)`` reloads it).
    public init(api: BoardAPI, host: String = "127.0.0.1", port: Int = 6006, idleTimeout: Duration = .seconds(30)) {
        self.api = api
        self.host = host
        self.port = port
        self.idleTimeout = idleTimeout
    }

    /// The Hummingbird application serving ``api``'s routes; it calls `onListening` with the
    /// bound port once it accepts connections. It does not reload the store: ``run(onListening:)``
    /// does.
    public func application(onListening: @escaping @Sendable (Int) -> Void = { _ in }) -> Application<RouterResponder<BasicRequestContext>> {
        Application(
            router: api.router(),
            server: .http1(configuration: .init(additionalChannelHandlers: [MalformedRequestHandler()],
                                                idleTimeout: .nanoseconds(idleTimeout.nanoseconds))),
            configuration: .init(address: .hostname(host, port: port), serverName: "lumen"),
            onServerRunning: { channel in onListening(channel.localAddress?.port ?? 0) }
        )
    }

    /// Loads the log directory in the background, serves until cancelled, and calls
    /// `onListening` with the bound port once the server accepts connections.
    public func run(onListening: @escaping @Sendable (Int) -> Void = { _ in }) async throws {
        // The HParams answer (in the binary layout the page asks for) and the run listing are
        // the costliest to work out (0.2–0.5 s and 0.15 s for 10,000 sessions). Made once the
        // load ends, they are ready when a page asks; a request arriving meanwhile waits for
        // them instead of making them again.
        let reloader = ReloadLoop(store: api.store, interval: api.reloadInterval) { [api] in
            _ = api.runsAnswer()
            _ = api.hparamsBinaryAnswer()
        }
        reloader.start()
        defer { reloader.stop() }
        // The page's files are compressed once the board listens, not before.
        try await application(onListening: { [api] port in
            Task.detached(priority: .utility) { api.ui.compressAll() }
            onListening(port)
        }).runService()
    }
}

extension Duration {
    /// The duration in whole nanoseconds.
    var nanoseconds: Int64 { components.seconds * 1_000_000_000 + components.attoseconds / 1_000_000_000 }
}
