import ArgumentParser
import Foundation
import Lumen
import LumenServer

/// `lumen board`: a fast, live web board for any TensorBoard log directory.
struct BoardCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "board",
        abstract: "Serve a live web board for a TensorBoard log directory (Lumen's, PyTorch's, TensorFlow's, tensorboardX's)."
    )

    @OptionGroup var source: LogdirOptions
    @Option(help: "Address to listen on; 127.0.0.1 keeps the board private to this machine.") var host = "127.0.0.1"
    @Option(help: "Port to listen on.") var port = 6006
    @Option(help: "Seconds between reloads of the log directory (stretched so that reloading a large one uses at most 5 % of a core).")
    var reloadInterval: Double = 1

    func validate() throws {
        guard (0...65_535).contains(port) else { throw ValidationError("--port must be 0…65535") }
        guard reloadInterval > 0 else { throw ValidationError("--reload-interval must be positive") }
    }

    func run() async throws {
        try await BoardLauncher.serve(spec: source.spec(), host: host, port: port, reloadInterval: reloadInterval)
    }
}

/// Starts a board, prints its address and the first load's progress, and serves until stopped.
enum BoardLauncher {
    static func serve(spec: LogdirSpec, host: String, port: Int, reloadInterval: Double) async throws {
        let store: LogdirStore
        do {
            store = try LogdirStore(spec: spec, source: LogdirSources.make)
        } catch {
            FileHandle.standardError.write(Data("Error: \(error)\n".utf8))
            throw ExitCode.failure
        }
        let server = BoardServer(api: BoardAPI(store: store, reloadInterval: reloadInterval), host: host, port: port)
        let shownHost = host.contains(":") ? "[\(host)]" : host
        try await server.run { boundPort in
            say("Lumen board for \(spec) at http://\(shownHost):\(boundPort)/  (Ctrl-C to stop)")
            Thread.detachNewThread { reportFirstLoad(store) }
        }
    }

    private static func reportFirstLoad(_ store: LogdirStore) {
        let start = Date()
        while !store.status.loaded {
            Thread.sleep(forTimeInterval: 1)
            let s = store.status
            if !s.loaded && s.totalBytes > 0 {
                say(String(format: "  loading: %.0f%% of %.1f MB", 100 * Double(s.loadedBytes) / Double(s.totalBytes), Double(s.totalBytes) / 1e6))
            }
        }
        let s = store.status
        if let problem = s.problem {
            say("  \(problem) — the board will show it once logs appear")
        } else {
            say(String(format: "  loaded %d runs (%d files, %.1f MB) in %.1f s", s.runs, s.files, Double(s.totalBytes) / 1e6, Date().timeIntervalSince(start)))
        }
    }
}

/// Prints a line at once, even when standard output is a pipe (print would buffer it).
func say(_ line: String) {
    FileHandle.standardOutput.write(Data((line + "\n").utf8))
}
