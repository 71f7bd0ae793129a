import Foundation

/// A local S3-compatible server for integration tests: PyPI `moto[server]`, started as
/// `python3 -m moto.server -H 127.0.0.1 -p PORT` on a free port, and killed (SIGKILL) by
/// ``stop()`` or when the value goes away.
///
/// Tests that need it are enabled with ``isInstalled`` and say why they skip otherwise
/// (``notInstalledMessage``); CI installs moto, so there they run.
///
/// ```swift
/// @Test(.enabled(if: MotoServer.isInstalled, Comment(rawValue: MotoServer.notInstalledMessage)))
/// func listing() throws {
///     let server = try MotoServer()
///     defer { server.stop() }
///     // requests to server.endpoint …
/// }
/// ```
public final class MotoServer: @unchecked Sendable {
    /// The server's base URL, `http://127.0.0.1:PORT`.
    public let endpoint: String
    private let process: Process
    /// The server's output, kept to explain a failed start; removed by ``stop()``.
    private let log: URL
    private let lock = NSLock()
    private var stopped = false

    /// True when `python3` can import moto's server.
    public static let isInstalled: Bool = {
        let probe = Process()
        probe.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        probe.arguments = ["python3", "-c", "import moto.server, flask"]
        probe.standardOutput = FileHandle.nullDevice
        probe.standardError = FileHandle.nullDevice
        do { try probe.run() } catch { return false }
        probe.waitUntilExit()
        return probe.terminationStatus == 0
    }()

    /// Why tests that need the server skip.
    public static let notInstalledMessage =
        "skipped: moto's S3 server is not installed (python3 -m pip install 'moto[server]')"

    /// Starts a server and waits (up to `timeout` seconds) until it accepts connections.
    /// - Parameter authenticates: when true, the server checks every request's access key and
    ///   signature against its IAM users (it has none, so every key is refused with 403);
    ///   otherwise it accepts any.
    /// - Throws: when it cannot be started or does not answer in time, with its output.
    public init(authenticates: Bool = false, timeout: Double = 120) throws {
        let port = try Self.freePort()
        endpoint = "http://127.0.0.1:\(port)"
        process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-m", "moto.server", "-H", "127.0.0.1", "-p", String(port)]
        var environment = ProcessInfo.processInfo.environment
        if authenticates { environment["INITIAL_NO_AUTH_ACTION_COUNT"] = "0" }
        process.environment = environment
        log = FileManager.default.temporaryDirectory.appendingPathComponent("lumen-moto-\(port).log")
        FileManager.default.createFile(atPath: log.path, contents: nil)
        let handle = try FileHandle(forWritingTo: log)
        process.standardOutput = handle
        process.standardError = handle
        try process.run()
        let deadline = Date(timeIntervalSinceNow: timeout)
        while !Self.accepts(port: port) {
            guard process.isRunning, Date() < deadline else {
                let output = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
                stop()
                throw MotoServerError(description: "moto's server on port \(port) did not start within \(Int(timeout)) s:\n\(output.suffix(2000))")
            }
            Thread.sleep(forTimeInterval: 0.1)
        }
    }

    deinit { stop() }

    /// Kills the server (SIGKILL) and waits for it to exit.
    public func stop() {
        lock.lock()
        defer { lock.unlock() }
        guard !stopped else { return }
        stopped = true
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
        try? FileManager.default.removeItem(at: log)
    }

    /// A TCP port nothing listens on now, as the system hands out.
    public static func freePort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw MotoServerError(description: "socket() failed: \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { sockaddrPointer in
                bind(fd, sockaddrPointer, length) == 0 && getsockname(fd, sockaddrPointer, &length) == 0
            }
        }
        guard bound else { throw MotoServerError(description: "cannot bind a free port: \(String(cString: strerror(errno)))") }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    private static func accepts(port: Int) -> Bool {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = UInt16(port).bigEndian
        return withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0
            }
        }
    }
}

/// moto's server could not be started.
public struct MotoServerError: Error, CustomStringConvertible {
    public let description: String
}
