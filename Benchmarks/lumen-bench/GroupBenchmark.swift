import ArgumentParser
import Dispatch
import Foundation
import Lumen
import LumenServer

/// `lumen-bench groups`: a scalar chart of run groups — each group's mean and band over its runs
/// — requested from a loaded board. TensorBoard cannot group runs, so there is no reference.
struct GroupBenchmark: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "groups",
        abstract: "Time the run-group requests of one chart: 200 runs × 100k steps in 10 groups of 20, with bands."
    )

    @Option(help: "Log directory; generated (runs g<G>_seed<S> with one tag, loss) when missing.")
    var logdir = NSTemporaryDirectory() + "lumen-bench-groups-200x100k"
    @Option var groups = 10
    @Option(help: "Runs per group.") var seeds = 20
    @Option var steps = 100_000
    @Option(help: "Grid buckets per group (the chart's width in device pixels).") var width = 2_000
    @Option(help: "Charts to time.") var repeats = 10
    @Flag(help: "Print one JSON object per measure.") var json = false

    func run() async throws {
        if !FileManager.default.fileExists(atPath: logdir) {
            FileHandle.standardError.write(Data("writing \(groups * seeds) runs × \(steps) steps to \(logdir)…\n".utf8))
            try generate()
        }
        let server = BoardServer(logdir: logdir, host: "127.0.0.1", port: 0, reloadInterval: 3600)
        let port = PortBox()
        let task = Task { try await server.run { port.set($0) } }
        defer { task.cancel() }
        let deadline = ContinuousClock.now + .seconds(900)
        while port.value == nil || !server.api.store.status.loaded {
            guard ContinuousClock.now < deadline else {
                throw ValidationError("Lumen's board did not load \(logdir) within 15 minutes")
            }
            try await Task.sleep(for: .milliseconds(50))
        }
        let targets = try groupTargets(port: port.value!)
        let single = try Self.times(repeats) {
            guard HTTPGet.fetch(port: port.value!, target: targets[0])?.status == 200 else { throw ValidationError("GET \(targets[0]) failed") }
        }
        // A chart asks for every group at once, as the page does.
        let chart = try Self.times(repeats) { try Self.concurrently(targets, port: port.value!) }
        let measurements = [
            Measurement(name: "group_request_ms", lumen: single.median, reference: nil, unit: "ms median", higherIsBetter: false),
            Measurement(name: "group_request_ms_min", lumen: single.minimum, reference: nil, unit: "ms best", higherIsBetter: false),
            Measurement(name: "group_chart_ms", lumen: chart.median, reference: nil, unit: "ms median", higherIsBetter: false),
            Measurement(name: "group_chart_ms_min", lumen: chart.minimum, reference: nil, unit: "ms best", higherIsBetter: false),
        ]
        if json {
            measurements.forEach { print($0.json) }
        } else {
            print("\(groups) groups × \(seeds) runs × \(steps) steps, \(width) buckets; a request is one group (\(seeds) runs), "
                + "a chart all \(groups) at once; TensorBoard has no run groups (no reference)")
            print(Measurement.header)
            measurements.forEach { print($0.row) }
        }
    }

    /// Every run logs `loss` at every step: a decaying curve, offset per group, noisy per seed.
    private func generate() throws {
        for g in 0..<groups {
            for s in 0..<seeds {
                let writer = try SummaryWriter(logDir: "\(logdir)/g\(g)_seed\(s)")
                var noise = UInt64(g * 1_000 + s + 1)
                for step in 0..<steps {
                    noise = noise &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                    let jitter = Double(noise >> 40) / Double(1 << 24) - 0.5
                    writer.addScalar("loss", exp(-Double(step) / Double(steps) * 3) + Double(g) * 0.1 + jitter * 0.05, step: step)
                }
                try writer.close()
            }
        }
    }

    /// One `/api/scalars/group` target per group: the ids of its runs' `loss`, for runs
    /// `/api/runs` lists with that tag.
    private func groupTargets(port: Int) throws -> [String] {
        guard let body = HTTPGet.fetch(port: port, target: "/api/runs")?.body,
              let runs = try JSONSerialization.jsonObject(with: body) as? [[String: Any]] else {
            throw ValidationError("GET /api/runs failed")
        }
        var ids: [String: String] = [:]
        for run in runs {
            if let name = run["name"] as? String, (run["tags"] as? [String: [String]])?["scalars"]?.contains("loss") == true {
                ids[name] = SeriesID.of(run: name, tag: "loss")
            }
        }
        return try (0..<groups).map { g in
            let members = try (0..<seeds).map { s in
                guard let id = ids["g\(g)_seed\(s)"] else { throw ValidationError("\(logdir) has no run g\(g)_seed\(s) with loss") }
                return id
            }
            return "/api/scalars/group?series=\(members.joined(separator: ","))&width=\(width)"
        }
    }

    /// GETs every target at once on its own thread; throws unless all answer 200.
    private static func concurrently(_ targets: [String], port: Int) throws {
        let statuses = StatusBox(count: targets.count)
        DispatchQueue.concurrentPerform(iterations: targets.count) { i in
            statuses.set(i, HTTPGet.fetch(port: port, target: targets[i])?.status)
        }
        if let failed = statuses.values.firstIndex(where: { $0 != 200 }) { throw ValidationError("GET \(targets[failed]) failed") }
    }

    /// Milliseconds of `times` runs of `job` after one warm-up: median and minimum.
    private static func times(_ times: Int, _ job: () throws -> Void) throws -> (median: Double, minimum: Double) {
        try job()
        var samples: [Double] = []
        for _ in 0..<times { samples.append(try seconds(job) * 1000) }
        samples.sort()
        return (samples[samples.count / 2], samples[0])
    }
}

/// Statuses reported from concurrent requests.
private final class StatusBox: @unchecked Sendable {
    private let lock = NSLock()
    private var statuses: [Int?]
    init(count: Int) { statuses = Array(repeating: nil, count: count) }
    var values: [Int?] { lock.withLock { statuses } }
    func set(_ i: Int, _ status: Int?) { lock.withLock { statuses[i] = status } }
}
