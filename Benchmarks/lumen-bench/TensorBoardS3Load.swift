import Foundation
import LumenTestSupport

/// TensorBoard (pip `tensorboard`) on an `s3://` logdir: its Rust loader reads only local and
/// `gs://` paths, so it runs with `--load_fast false`, reading through boto3 with
/// `S3_ENDPOINT` pointing at the local server.
enum TensorBoardS3Load {
    /// How a TensorBoard load went.
    enum Outcome: CustomStringConvertible {
        /// Seconds from launch until every run's last point was served.
        case loaded(Double)
        /// It did not get there; why, with the end of its output.
        case notLoaded(String)
        /// Not run.
        case skipped

        var seconds: Double? { if case .loaded(let s) = self { s } else { nil } }

        var description: String {
            switch self {
            case .loaded(let s): String(format: "loaded in %.1f s (from launch until every run's last step is served)", s)
            case .notLoaded(let why): "not loaded: \(why)"
            case .skipped: "not run (--tensorboard-timeout 0)"
            }
        }
    }

    /// Starts TensorBoard on `logdir` and waits until, for each run of `lastSteps`, the scalars
    /// endpoint serves that run's tag up to its last step; stops it (SIGTERM, then SIGKILL after
    /// a grace period) once loaded or after `timeout` seconds.
    static func seconds(python: String, logdir: String, endpoint: String,
                        lastSteps: [String: (tag: String, step: Int64)], timeout: Double) -> Outcome {
        let port: Int
        do { port = try MotoServer.freePort() } catch { return .notLoaded("\(error)") }
        let log = URL(fileURLWithPath: NSTemporaryDirectory() + "lumen-bench-tensorboard-s3-\(getpid()).log")
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: log) }
        func tail() -> String {
            let text = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
            return text.split(separator: "\n").suffix(3).joined(separator: " | ")
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [python, "-m", "tensorboard.main", "--logdir", logdir, "--host", "127.0.0.1", "--port", String(port),
                             "--load_fast", "false", "--reload_interval", "0"]
        var environment = ProcessInfo.processInfo.environment
        for name in ["AWS_ENDPOINT_URL", "AWS_ENDPOINT_URL_S3", "AWS_PROFILE", "AWS_SESSION_TOKEN"] { environment[name] = nil }
        environment["S3_ENDPOINT"] = endpoint
        environment["AWS_ACCESS_KEY_ID"] = "testing"
        environment["AWS_SECRET_ACCESS_KEY"] = "testing"
        environment["AWS_DEFAULT_REGION"] = "us-east-1"
        process.environment = environment
        guard let handle = try? FileHandle(forWritingTo: log) else { return .notLoaded("cannot open \(log.path)") }
        process.standardOutput = handle
        process.standardError = handle
        let exited = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in exited.signal() }
        let start = DispatchTime.now().uptimeNanoseconds
        do { try process.run() } catch { return .notLoaded("cannot start \(python): \(error)") }
        defer { ChildProcess.stop(process, exited: exited, grace: 5) }
        var waiting = lastSteps
        func elapsed() -> Double { Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9 }
        while !waiting.isEmpty {
            guard process.isRunning else { return .notLoaded("it exited with status \(process.terminationStatus): \(tail())") }
            guard elapsed() < timeout else {
                return .notLoaded(String(format: "%d of %d runs not fully served after %.0f s (the cap): %@",
                                         waiting.count, lastSteps.count, timeout, tail()))
            }
            for (run, last) in waiting where servedStep(port: port, run: run, tag: last.tag) == last.step {
                waiting[run] = nil
            }
            if !waiting.isEmpty { Thread.sleep(forTimeInterval: 1) }
        }
        return .loaded(elapsed())
    }

    /// The step of the last point TensorBoard serves for `run` and `tag`, if any.
    private static func servedStep(port: Int, run: String, tag: String) -> Int64? {
        func encoded(_ text: String) -> String { text.addingPercentEncoding(withAllowedCharacters: .alphanumerics)! }
        guard let (status, body) = HTTPGet.fetch(port: port, target: "/data/plugin/scalars/scalars?run=\(encoded(run))&tag=\(encoded(tag))"),
              status == 200, let points = try? JSONSerialization.jsonObject(with: body) as? [[Any]],
              let last = points.last, last.count > 1, let step = last[1] as? NSNumber else { return nil }
        return step.int64Value
    }
}
