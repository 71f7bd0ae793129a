import ArgumentParser
import Foundation
import Lumen
import LumenServer

/// `lumen-bench board`: a scalar chart request against a loaded board, beside TensorBoard's.
struct BoardBenchmark: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "board",
        abstract: "Time the scalar request for one 200k-point series at 1,000 px over HTTP, beside TensorBoard's scalars endpoint."
    )

    @Option(help: "Log directory (made by `lumen-bench reader`).")
    var logdir = NSTemporaryDirectory() + "lumen-bench-logdir-10x5x200k"
    @Option(help: "Run and tag to request.") var run = "run0"
    @Option var tag = "group0/tag0"
    @Option(help: "Requests to time.") var requests = 30
    @Option(help: "Python with the tensorboard package, for the reference.") var python = "python3"
    @Flag(help: "Print one JSON object per measure.") var json = false

    func run() async throws {
        guard FileManager.default.fileExists(atPath: logdir) else {
            throw ValidationError("\(logdir) does not exist; `lumen-bench reader` generates it")
        }
        let lumen = try await lumenLatency()
        let reference = await referenceLatency()
        let measurements = [
            Measurement(name: "scalar_request_ms", lumen: lumen.median * 1000, reference: reference?.medianMilliseconds,
                        unit: "ms median", higherIsBetter: false),
            Measurement(name: "scalar_request_ms_min", lumen: lumen.minimum * 1000, reference: reference?.minimumMilliseconds,
                        unit: "ms best", higherIsBetter: false),
        ]
        if json {
            measurements.forEach { print($0.json) }
        } else {
            print("Lumen sends every bucket's first/min/max/last of all 200k points with smoothing; TensorBoard sends its 1,000 samples")
            print(Measurement.header)
            measurements.forEach { print($0.row) }
        }
    }

    private func referenceLatency() async -> Latency? {
        do {
            return try await TensorBoardProcess.scalarLatency(python: python, logdir: logdir, run: run, tag: tag, requests: requests)
        } catch {
            FileHandle.standardError.write(Data("TensorBoard reference not measured: \(error)\n".utf8))
            return nil
        }
    }

    private func lumenLatency() async throws -> Latency {
        let server = BoardServer(logdir: logdir, host: "127.0.0.1", port: 0, reloadInterval: 3600)
        let port = PortBox()
        let task = Task { try await server.run { port.set($0) } }
        defer { task.cancel() }
        let deadline = ContinuousClock.now + .seconds(600)
        while port.value == nil || !server.api.store.status.loaded {
            // A server that failed to start never reports a port: give up rather than wait forever.
            guard ContinuousClock.now < deadline else {
                throw CocoaError(.fileReadUnknown, userInfo: [NSLocalizedDescriptionKey: "Lumen's board did not load \(logdir) within 10 minutes"])
            }
            try await Task.sleep(for: .milliseconds(50))
        }
        let q = "run=\(run.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)&tag=\(tag.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)&width=1000&smoothing=0.6"
        return try Latency.measure(port: port.value!, target: "/api/scalars?\(q)", times: requests)
    }
}

/// Request timings.
struct Latency {
    let median: Double
    let minimum: Double

    var medianMilliseconds: Double { median * 1000 }
    var minimumMilliseconds: Double { minimum * 1000 }

    /// Times `times` GETs of `target` one after another (after one warm-up request).
    static func measure(port: Int, target: String, times: Int) throws -> Latency {
        _ = HTTPGet.fetch(port: port, target: target)
        var samples: [Double] = []
        for _ in 0..<times {
            let start = DispatchTime.now().uptimeNanoseconds
            guard HTTPGet.fetch(port: port, target: target)?.status == 200 else { throw ValidationError("GET \(target) failed") }
            samples.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
        }
        samples.sort()
        return Latency(median: samples[samples.count / 2], minimum: samples[0])
    }
}

/// A port reported from the server's callback.
final class PortBox: @unchecked Sendable {
    private let lock = NSLock()
    private var port: Int?
    var value: Int? { lock.withLock { port } }
    func set(_ p: Int) { lock.withLock { port = p } }
}
