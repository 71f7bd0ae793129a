import ArgumentParser
import Foundation
import Lumen

/// `lumen-bench reader`: loading a large logdir, beside TensorBoard's Rust data server.
struct ReaderBenchmark: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reader",
        abstract: "Load a runs × tags × steps scalar logdir keeping every point, beside rustboard (tensorboard-data-server)."
    )

    @Option(help: "Log directory to load; generated with Lumen's SummaryWriter when missing.")
    var logdir = NSTemporaryDirectory() + "lumen-bench-logdir-10x5x200k"
    @Option(help: "Runs to generate.") var runs = 10
    @Option(help: "Scalar tags per run to generate.") var tags = 5
    @Option(help: "Steps per tag to generate.") var steps = 200_000
    @Option(help: "rustboard's server binary (pip tensorboard-data-server).") var rustboard = RustboardProcess.defaultBinary()
    @Option(help: "Seconds to wait for rustboard's load cycle before stopping it.") var rustboardTimeout = 600.0
    @Flag(help: "Print one JSON object per measure.") var json = false

    func run() throws {
        if !FileManager.default.fileExists(atPath: logdir) {
            print("generating \(runs) runs × \(tags) tags × \(steps) steps in \(logdir) …")
            try ScalarLogdir.generate(at: logdir, runs: runs, tags: tags, steps: steps)
        }
        let lumen = loadWithLumen()
        let sampled = RustboardProcess.load(binary: rustboard, logdir: logdir, keepAll: false, timeout: rustboardTimeout)
        let all = RustboardProcess.load(binary: rustboard, logdir: logdir, keepAll: true, timeout: rustboardTimeout)
        let measurements = [
            Measurement(name: "load_s_vs_sampled", lumen: lumen.seconds, reference: sampled?.seconds, unit: "s", higherIsBetter: false),
            Measurement(name: "load_s_vs_keep_all", lumen: lumen.seconds, reference: all?.seconds, unit: "s", higherIsBetter: false),
            Measurement(name: "resident_MiB_vs_keep_all", lumen: lumen.residentMiB, reference: all?.residentMiB, unit: "MiB", higherIsBetter: false),
        ]
        if json {
            measurements.forEach { print($0.json) }
        } else {
            print(lumen.summary)
            print("reference: rustboard at \(rustboard.isEmpty ? "(not found)" : rustboard)")
            print(Measurement.header)
            measurements.forEach { print($0.row) }
        }
    }

    private struct LumenLoad {
        let seconds: Double
        let residentMiB: Double
        let summary: String
    }

    private func loadWithLumen() -> LumenLoad {
        let before = ResidentMemory.current()
        let store = LogdirStore(root: logdir)
        let start = DispatchTime.now().uptimeNanoseconds
        store.reload()
        let elapsed = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        let resident = Double(ResidentMemory.current() - before) / 1_048_576
        var points = 0
        var columnBytes = 0
        for name in store.runNames {
            guard let run = store.run(named: name) else { continue }
            points += run.read { $0.scalarPoints }
            columnBytes += run.read { $0.scalars.values.reduce(0) { $0 + $1.residentBytes } }
        }
        let perPoint = Double(columnBytes) / Double(max(points, 1))
        return LumenLoad(seconds: elapsed, residentMiB: resident,
                         summary: "Lumen loaded \(points) points from \(store.runNames.count) runs; columns hold \(String(format: "%.1f", perPoint)) bytes/point")
    }

}

/// The process's resident memory in bytes.
enum ResidentMemory {
    static func current(pid: Int32 = getpid()) -> Int64 {
        guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmRSS:") }),
              let kb = Int64(line.split(separator: " ").dropFirst().first ?? "") else { return 0 }
        return kb * 1024
    }
}
