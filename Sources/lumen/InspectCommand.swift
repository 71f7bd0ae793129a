import ArgumentParser
import Foundation
import Lumen

/// `lumen inspect`: what a log directory or event file holds, like `tensorboard --inspect`.
struct InspectCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inspect",
        abstract: "List each run's tags with value counts and step ranges, or dump every event."
    )

    @Argument(help: "A log directory or a single event file.")
    var path: String

    @Flag(help: "Print every event instead of the per-tag summary.")
    var dump = false

    func run() throws {
        let runs = try LogdirScanner.runs(in: path)
        if runs.isEmpty {
            print("No event files (names containing \"tfevents\") under \(path).")
            return
        }
        var damaged = false
        for run in runs {
            var inspection = RunInspection()
            print(String(repeating: "=", count: 72))
            print("Run: \(run.name)")
            for file in run.eventFiles {
                let reader = try EventFileReader(path: file)
                while let item = reader.next() {
                    switch item {
                    case .event(let event, let offset):
                        if dump { print(EventDescription.line(event, file: (file as NSString).lastPathComponent, offset: offset)) }
                        inspection.add(event)
                    case .damage(let damage):
                        damaged = true
                        print("  damage: \(damage)")
                    }
                }
                if reader.pendingBytes > 0 || reader.unreadableBytes > 0 {
                    damaged = true
                    print("  incomplete: \(file) ends in \(reader.pendingBytes + Int(reader.unreadableBytes)) bytes that are not a whole record (offset \(reader.offset))")
                }
            }
            if !dump { print(inspection.report(files: run.eventFiles)) }
        }
        if damaged { throw ExitCode(1) }
    }
}

/// Per-tag counts and step ranges of one run.
struct RunInspection {
    struct TagStats {
        var kind: ValueKind
        var count = 0
        var minStep = Int64.max
        var maxStep = Int64.min
    }

    private var tags: [String: TagStats] = [:]
    private var otherEvents: [String: Int] = [:]
    private var firstWallTime = Double.infinity
    private var lastWallTime = -Double.infinity

    mutating func add(_ event: TBEvent) {
        firstWallTime = min(firstWallTime, event.wallTime)
        lastWallTime = max(lastWallTime, event.wallTime)
        switch event.what {
        case .summary(let summary):
            for value in summary.value {
                var stats = tags[value.tag] ?? TagStats(kind: ValueKind(value))
                stats.count += 1
                stats.minStep = min(stats.minStep, event.step)
                stats.maxStep = max(stats.maxStep, event.step)
                tags[value.tag] = stats
            }
        case .fileVersion: otherEvents["file_version", default: 0] += 1
        case .graphDef: otherEvents["graph", default: 0] += 1
        case .metaGraphDef: otherEvents["meta_graph", default: 0] += 1
        case .sessionLog(let log): otherEvents["session_log \(log.status)", default: 0] += 1
        case .taggedRunMetadata: otherEvents["run_metadata", default: 0] += 1
        case .logMessage: otherEvents["log_message", default: 0] += 1
        case .none: otherEvents["empty", default: 0] += 1
        }
    }

    func report(files: [String]) -> String {
        var lines = ["  files: " + files.map { ($0 as NSString).lastPathComponent }.joined(separator: ", ")]
        if firstWallTime.isFinite {
            let formatter = ISO8601DateFormatter()
            lines.append("  wall time: \(formatter.string(from: Date(timeIntervalSince1970: firstWallTime))) – \(formatter.string(from: Date(timeIntervalSince1970: lastWallTime)))")
        }
        for kind in ValueKind.allCases {
            let ofKind = tags.filter { $0.value.kind == kind }.sorted { $0.key < $1.key }
            guard !ofKind.isEmpty else { continue }
            lines.append("  \(kind.rawValue):")
            for (tag, stats) in ofKind {
                let steps = stats.minStep == stats.maxStep ? "step \(stats.minStep)" : "steps \(stats.minStep)–\(stats.maxStep)"
                lines.append("    \(tag)  \(stats.count) value\(stats.count == 1 ? "" : "s"), \(steps)")
            }
        }
        for (name, count) in otherEvents.sorted(by: { $0.key < $1.key }) {
            lines.append("  \(name): \(count)")
        }
        return lines.joined(separator: "\n")
    }
}

/// One line per event for `lumen inspect --dump`.
enum EventDescription {
    static func line(_ event: TBEvent, file: String, offset: Int64) -> String {
        let head = "\(file)@\(offset) step=\(event.step) wall_time=\(event.wallTime)"
        switch event.what {
        case .summary(let summary):
            return summary.value.map { head + " " + describe($0) }.joined(separator: "\n")
        case .fileVersion(let version): return head + " file_version=\(version)"
        case .sessionLog(let log): return head + " session_log=\(log.status)"
        case .graphDef(let bytes): return head + " graph_def (\(bytes.count) bytes)"
        case .metaGraphDef(let bytes): return head + " meta_graph_def (\(bytes.count) bytes)"
        case .taggedRunMetadata(let metadata): return head + " run_metadata tag=\(metadata.tag)"
        case .logMessage(let message): return head + " log_message=\(message.message)"
        case .none: return head + " (empty)"
        }
    }

    private static func describe(_ value: TBSummary.Value) -> String {
        let tag = "tag=\(value.tag)"
        switch value.value {
        case .simpleValue(let v): return "\(tag) scalar=\(v)"
        case .histo(let h): return "\(tag) histogram num=\(h.num) min=\(h.min) max=\(h.max) buckets=\(h.bucket.count)"
        case .image(let image): return "\(tag) image \(image.width)×\(image.height)×\(image.colorspace) (\(image.encodedImageString.count) bytes)"
        case .audio(let audio): return "\(tag) audio \(audio.lengthFrames) frames at \(audio.sampleRate) Hz"
        case .tensor(let tensor):
            let plugin = value.metadata.pluginData.pluginName
            if tensor.dtype == .dtString {
                let strings = tensor.stringVal.map { String(decoding: $0, as: UTF8.self).debugDescription }
                return "\(tag) \(plugin.isEmpty ? "tensor" : plugin)=[\(strings.joined(separator: ", "))]"
            }
            let values = tensor.floatVal.map(Double.init) + tensor.doubleVal + tensor.intVal.map(Double.init) + tensor.int64Val.map(Double.init)
            let shown = values.prefix(8).map { "\($0)" }.joined(separator: ", ")
            return "\(tag) \(plugin.isEmpty ? "tensor" : plugin) \(tensor.dtype) [\(shown)\(values.count > 8 ? ", …" : "")]"
        case .obsoleteOldStyleHistogram: return "\(tag) old-style histogram"
        case .none: return "\(tag) (no value)"
        }
    }
}
