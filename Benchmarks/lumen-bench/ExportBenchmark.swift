import ArgumentParser
import Foundation
import Lumen

/// `lumen-bench export`: every scalar of a large logdir to CSV, beside tbparse in a child Python.
struct ExportBenchmark: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Export every scalar of a runs × tags × steps logdir to CSV (lumen export's code path), beside tbparse's DataFrame.to_csv."
    )

    @Option(help: "Log directory to export; generated with Lumen's SummaryWriter when missing.")
    var logdir = NSTemporaryDirectory() + "lumen-bench-logdir-10x5x200k"
    @Option(help: "Runs to generate.") var runs = 10
    @Option(help: "Scalar tags per run to generate.") var tags = 5
    @Option(help: "Steps per tag to generate.") var steps = 200_000
    @Option(help: "Rounds, alternating Lumen and tbparse.") var repeats = 3
    @Option(help: "Python with tbparse for the reference.") var python = defaultPython()
    @Option(help: "Seconds to wait for one tbparse round before stopping it.") var referenceTimeout = 1_800.0
    @Flag(help: "Print one JSON object per measure.") var json = false

    func validate() throws {
        guard repeats > 0 else { throw ValidationError("--repeats must be positive") }
    }

    func run() throws {
        if !FileManager.default.fileExists(atPath: logdir) {
            print("generating \(runs) runs × \(tags) tags × \(steps) steps in \(logdir) …")
            try ScalarLogdir.generate(at: logdir, runs: runs, tags: tags, steps: steps)
        }
        let out = NSTemporaryDirectory() + "lumen-bench-export-\(getpid())"
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: out) }
        let script = referenceDirectory + "/export_reference.py"
        let rounds = try alternatingRounds(repeats, lumen: {
            var rows = 0
            let elapsed = try seconds {
                let table = try LogTable(logdir: logdir)
                rows = try LogTableWriter(format: .csv, kind: .scalars, output: TableOutput(path: out + "/lumen.csv")).write(table)
            }
            return ["seconds": elapsed, "rows": Double(rows)]
        }, reference: {
            runReference(script: script, arguments: [logdir, out + "/tbparse.csv"], python: python, timeout: referenceTimeout)
        })
        let lumen = rounds.lumen.compactMap { $0["seconds"] }.sorted()
        let reference = rounds.reference.compactMap { $0["seconds"] }.sorted()
        let measurements = [
            Measurement(name: "export_csv_s_min", lumen: lumen[0], reference: reference.first, unit: "s", higherIsBetter: false),
            Measurement(name: "export_csv_s_median", lumen: Self.median(lumen), reference: reference.isEmpty ? nil : Self.median(reference),
                        unit: "s", higherIsBetter: false),
        ]
        if json {
            measurements.forEach { print($0.json) }
        } else {
            let rows = Int(rounds.lumen[0]["rows"] ?? 0)
            let referenceRows = rounds.reference.first?["rows"].map { String(Int($0)) } ?? "–"
            print("\(rows) rows (tbparse: \(referenceRows)); \(repeats) rounds each; Lumen \(lumen.map { String(format: "%.2f", $0) }), tbparse \(reference.map { String(format: "%.1f", $0) }) s")
            print("reference: \(rounds.firstReference?["reference"] as? String ?? "tbparse not run") (\(python))")
            print(Measurement.header)
            measurements.forEach { print($0.row) }
        }
    }

    private static func median(_ sorted: [Double]) -> Double {
        sorted.count % 2 == 1 ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
    }
}
