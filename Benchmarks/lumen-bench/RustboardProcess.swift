import Foundation

/// Runs TensorBoard's Rust data server (`tensorboard-data-server`) once over a logdir and
/// times its first load cycle, read from its verbose log.
enum RustboardProcess {
    struct Result {
        let seconds: Double
        let residentBytes: Int64
        var residentMiB: Double { Double(residentBytes) / 1_048_576 }
    }

    /// The pip package's binary for the first python3 that has it ("" when none answers within
    /// a minute).
    static func defaultBinary() -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", "import tensorboard_data_server as s; print(s.server_binary())"]
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        let exited = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in exited.signal() }
        guard (try? process.run()) != nil else { return "" }
        let drain = PipeDrain(out)
        guard ChildProcess.wait(for: process, exited: exited, timeout: 60), let data = drain.result(timeout: 5) else { return "" }
        return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Starts the server with `--reload once`, waits (up to `timeout` seconds) for its "Finished
    /// load cycle" log line, reads its resident memory, and stops it. `keepAll` keeps every
    /// scalar instead of sampling.
    static func load(binary: String, logdir: String, keepAll: Bool, timeout: Double = 600) -> Result? {
        guard FileManager.default.isExecutableFile(atPath: binary) else { return nil }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = ["--logdir", logdir, "--reload", "once", "--host", "127.0.0.1", "--port", "0", "-v"]
            + (keepAll ? ["--samples-per-plugin", "scalars=all"] : [])
        let log = Pipe()
        process.standardError = log
        process.standardOutput = FileHandle.nullDevice
        let exited = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in exited.signal() }
        let start = DispatchTime.now().uptimeNanoseconds
        guard (try? process.run()) != nil else { return nil }
        // The server ignores SIGTERM: SIGKILL follows after a grace period.
        defer { ChildProcess.stop(process, exited: exited, grace: 2) }
        let lines = PipeLines(log)
        guard let line = lines.firstLine(containing: "Finished load cycle", timeout: timeout) else {
            FileHandle.standardError.write(Data("rustboard reported no load cycle within \(Int(timeout)) s:\n\(lines.output.suffix(500))\n".utf8))
            return nil
        }
        // The server reports its own load time, e.g. "Finished load cycle (2.54s)".
        let reported = line.split(separator: "(").last.flatMap { Double($0.prefix { $0.isNumber || $0 == "." }) }
        let elapsed = reported ?? Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        return Result(seconds: elapsed, residentBytes: ResidentMemory.current(pid: process.processIdentifier))
    }
}
