import ArgumentParser
import Foundation
import Lumen
import Synchronization

/// `lumen export`: every point of a log directory as a long CSV or JSON Lines table.
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write every logged point (not a sample) as a table: run, tag, step, wall_time, value.",
        discussion: """
        Scalars by default; --kind histograms writes one row per histogram with its bucket counts \
        and right edges as JSON arrays (tbparse's counts and limits), --kind text one row per text. \
        Progress and warnings about damaged records go to standard error.
        """
    )

    @OptionGroup var source: LogdirOptions

    @Option(help: "Keep only runs whose name this regular expression matches (anywhere; anchor with ^…$).")
    var runs: String?

    @Option(help: "Keep only tags this regular expression matches (anywhere; anchor with ^…$).")
    var tags: String?

    @Option(help: "Which values: scalars, histograms or text.")
    var kind: LogTable.Kind = .scalars

    @Option(help: "csv (RFC 4180 quoting, with a header line) or jsonl (one JSON object per line).")
    var format: LogTableWriter.Format = .csv

    @Option(help: "The file to write, or - for standard output.")
    var out = "-"

    func run() throws {
        let table = try LogTable(spec: source.spec(), kind: kind, runs: runs, tags: tags, source: LogdirSources.make)
        let runs = try table.runs()
        let totalBytes = runs.reduce(Int64(0)) { sum, run in sum + run.files.reduce(Int64(0)) { $0 + $1.size } }
        let writer = LogTableWriter(format: format, kind: kind, output: try TableOutput(path: out))
        let progress = ExportProgress(totalBytes: totalBytes)
        let reporter = Thread { progress.reportEvery(seconds: 2) }
        reporter.start()
        defer { progress.stop() }
        var damaged = 0
        let rows = try writer.write(table, onBytesRead: { progress.bytesRead.add($0, ordering: .relaxed) }) { part in
            progress.rowsWritten.store(writer.rowsWritten, ordering: .relaxed)
            for damage in part.damage { warn("warning: \(part.run): \(damage)") }
            damaged += part.damage.count
        }
        progress.stop()
        let destination = out == "-" ? "standard output" : out
        warn(String(format: "exported %d %@ rows from %d runs to %@ in %.1f s%@", rows, kind.rawValue, runs.count, destination,
                    progress.elapsed, damaged > 0 ? " (\(damaged) damaged records skipped, see above)" : ""))
    }
}

extension LogTable.Kind: ExpressibleByArgument {}
extension LogTableWriter.Format: ExpressibleByArgument {}

/// Counts of a running export, printed to standard error every few seconds once it takes long.
final class ExportProgress: Sendable {
    let totalBytes: Int64
    let bytesRead = Atomic<Int64>(0)
    let rowsWritten = Atomic<Int>(0)
    private let stopped = Atomic<Bool>(false)
    private let start = ContinuousClock.now

    init(totalBytes: Int64) { self.totalBytes = totalBytes }

    var elapsed: Double {
        let d = ContinuousClock.now - start
        return Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18
    }

    /// Prints a line every `seconds` until ``stop()``.
    func reportEvery(seconds: Double) {
        var next = seconds
        while !stopped.load(ordering: .relaxed) {
            Thread.sleep(forTimeInterval: 0.1)
            guard elapsed >= next, !stopped.load(ordering: .relaxed) else { continue }
            next += seconds
            let read = bytesRead.load(ordering: .relaxed)
            warn(String(format: "  %.0f%% of %.1f MB read, %d rows written, %.0f s",
                        totalBytes > 0 ? 100 * Double(read) / Double(totalBytes) : 100, Double(totalBytes) / 1e6,
                        rowsWritten.load(ordering: .relaxed), elapsed))
        }
    }

    func stop() { stopped.store(true, ordering: .relaxed) }
}

/// Prints a line on standard error at once.
func warn(_ line: String) {
    FileHandle.standardError.write(Data((line + "\n").utf8))
}
