import Foundation

/// Runs the real TensorBoard (pip `tensorboard`, with its Rust data server) on a logdir and
/// times its scalars endpoint once the series is loaded.
enum TensorBoardProcess {
    static func scalarLatency(python: String, logdir: String, run: String, tag: String, requests: Int) async throws -> Latency {
        let port = 16_006 + Int(getpid() % 1000)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [python, "-m", "tensorboard.main", "--logdir", logdir, "--host", "127.0.0.1",
                             "--port", String(port), "--load_fast", "true", "--reload_interval", "0"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        let exited = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in exited.signal() }
        try process.run()
        // TensorBoard may not stop on SIGTERM: SIGKILL follows after a grace period. Its data
        // server exits when TensorBoard is gone.
        defer { ChildProcess.stop(process, exited: exited, grace: 2) }
        let q = "run=\(run.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)&tag=\(tag.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)"
        let target = "/data/plugin/scalars/scalars?\(q)"
        // Wait (up to two minutes) until the series is fully loaded: 1,000 sampled points.
        for _ in 0..<1200 {
            if let (status, data) = HTTPGet.fetch(port: port, target: target), status == 200,
               let points = try? JSONSerialization.jsonObject(with: data) as? [Any], points.count >= 1000 {
                return try Latency.measure(port: port, target: target, times: requests)
            }
            try await Task.sleep(for: .milliseconds(100))
        }
        throw CocoaError(.fileReadUnknown, userInfo: [NSLocalizedDescriptionKey: "TensorBoard did not load \(target) within two minutes"])
    }
}
