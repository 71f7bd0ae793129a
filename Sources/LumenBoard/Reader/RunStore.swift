import Foundation
import SwiftProtobuf

/// Everything loaded from one run's event files, kept up to date by `load(files:)`.
///
/// Scalars are kept whole in ``ScalarSeries`` columns; images stay in their files (only their
/// offsets are kept); histograms and texts are kept as points. Readers call ``read(_:)`` to look
/// at the data while a load may be under way on another thread.
public final class RunStore: @unchecked Sendable {
    /// The run's name: its directory relative to the log directory ("." for the root).
    public let name: String

    /// The run's data, as seen inside ``read(_:)``.
    public struct Content {
        public fileprivate(set) var scalars: [String: ScalarSeries] = [:]
        public fileprivate(set) var histograms: [String: StepSeries<HistogramPoint>] = [:]
        /// Per step, the images of one value (TF2 image tensors hold several).
        public fileprivate(set) var images: [String: StepSeries<[ImageReference]>] = [:]
        public fileprivate(set) var texts: [String: StepSeries<TextPoint>] = [:]
        /// Tags of other values (audio, tensors of other plugins), with their counts.
        public fileprivate(set) var otherTags: [String: Int] = [:]
        /// Where graph definitions are: file path and record offset.
        public fileprivate(set) var graphs: [(path: String, offset: Int64)] = []
        /// The hparams plugin's records (`HParamsPluginData` bytes: experiment, session start
        /// and end), in the order written.
        public fileprivate(set) var hparams: [Data] = []
        /// The latest wall time seen.
        public fileprivate(set) var lastWallTime: Double = 0
        /// Damage found in the run's files, in the order found.
        public fileprivate(set) var damage: [RecordDamage] = []

        /// Number of scalar points.
        public var scalarPoints: Int { scalars.values.reduce(0) { $0 + $1.count } }

        fileprivate mutating func purge(fromStep step: Int64) {
            for series in scalars.values { series.truncate(fromStep: step) }
            for tag in histograms.keys { histograms[tag]!.truncate(fromStep: step) }
            for tag in images.keys { images[tag]!.truncate(fromStep: step) }
            for tag in texts.keys { texts[tag]!.truncate(fromStep: step) }
        }
    }

    /// Read position in one event file.
    private struct FileState {
        var reader: RecordReader?
        var offset: Int64 = 0
    }

    private let lock = NSLock()
    private var content = Content()
    private var files: [String: FileState] = [:]
    /// Recently used scalar tags, so most events find their series without hashing a String.
    private var recentTags: [(bytes: [UInt8], series: ScalarSeries)] = []

    public init(name: String) { self.name = name }

    /// Looks at the run's data under its lock.
    public func read<R>(_ body: (Content) -> R) -> R {
        lock.withLock { body(content) }
    }

    /// Reads what is new in `files` (the run's event files in name order): new files, and
    /// records appended since the last load. Returns the bytes consumed.
    @discardableResult
    public func load(files paths: [String]) -> Int64 {
        var consumed: Int64 = 0
        for (position, path) in paths.enumerated() {
            var state = files[path] ?? FileState()
            if state.reader == nil {
                guard let size = Self.fileSize(path), size > state.offset || files[path] == nil else { continue }
                state.reader = try? RecordReader(path: path, offset: state.offset)
                if state.reader == nil { continue }
            }
            let reader = state.reader!
            let start = reader.offset
            var finished = false
            while !finished {
                // Take the lock per batch so requests are not held up by a long first load.
                finished = lock.withLock {
                    reader.readAvailable(limit: 16_384, onRecord: { offset, payload in
                        ingest(payload, path: path, offset: offset)
                    }, onDamage: { content.damage.append($0) })
                }
            }
            consumed += reader.offset - start
            state.offset = reader.offset
            // Only the newest file of a run is expected to grow: close the others' descriptors.
            if position < paths.count - 1 { state.reader = nil }
            files[path] = state
        }
        return consumed
    }

    private static func fileSize(_ path: String) -> Int64? {
        var info = stat()
        return stat(path, &info) == 0 ? Int64(info.st_size) : nil
    }

    // MARK: - Ingesting events (lock held)

    private func ingest(_ payload: UnsafeRawBufferPointer, path: String, offset: Int64) {
        if let scan = ScalarScan(payload) {
            content.lastWallTime = max(content.lastWallTime, scan.wallTime)
            scan.forEach { tag, value in
                series(forTag: tag).append(step: scan.step, wallTime: scan.wallTime, value: value)
            }
            return
        }
        do {
            ingest(try TBEvent(serializedBytes: Array(payload)), path: path, offset: offset)
        } catch {
            content.damage.append(RecordDamage(path: path, offset: offset, kind: .undecodableEvent(reason: "\(error)")))
        }
    }

    private func series(forTag tag: UnsafeRawBufferPointer) -> ScalarSeries {
        if let hit = recentTags.firstIndex(where: { $0.bytes.elementsEqual(tag) }) { return recentTags[hit].series }
        let name = String(decoding: tag, as: UTF8.self)
        let series = content.scalars[name] ?? ScalarSeries()
        content.scalars[name] = series
        recentTags.insert((Array(tag), series), at: 0)
        if recentTags.count > 16 { recentTags.removeLast() }
        return series
    }

    private func ingest(_ event: TBEvent, path: String, offset: Int64) {
        content.lastWallTime = max(content.lastWallTime, event.wallTime)
        switch event.what {
        case .summary(let summary):
            for value in summary.value { ingest(value, step: event.step, wallTime: event.wallTime, path: path, offset: offset) }
        case .sessionLog(let log) where log.status == .start:
            // A restarted run: what was logged at or after this step is superseded.
            content.purge(fromStep: event.step)
        case .graphDef:
            content.graphs.append((path, offset))
        default:
            break
        }
    }

    private func ingest(_ value: TBSummary.Value, step: Int64, wallTime: Double, path: String, offset: Int64) {
        let tag = value.tag
        switch ValueKind(value) {
        case .scalar:
            guard let number = SummaryDecoding.scalar(value) else { return }
            let series = content.scalars[tag] ?? ScalarSeries()
            content.scalars[tag] = series
            series.append(step: step, wallTime: wallTime, value: number)
        case .histogram:
            guard let point = SummaryDecoding.histogram(value, wallTime: wallTime) else { return }
            content.histograms[tag, default: StepSeries()].append(point, step: step)
        case .image:
            let references = SummaryDecoding.imageSizes(value).enumerated().map { index, size in
                ImageReference(wallTime: wallTime, width: size.width, height: size.height, path: path, offset: offset, index: index)
            }
            if !references.isEmpty { content.images[tag, default: StepSeries()].append(references, step: step) }
        case .text:
            content.texts[tag, default: StepSeries()].append(TextPoint(wallTime: wallTime, text: SummaryDecoding.text(value)), step: step)
        case .audio, .tensor:
            if value.metadata.pluginData.pluginName == "hparams" { content.hparams.append(value.metadata.pluginData.content) }
            content.otherTags[tag, default: 0] += 1
        }
    }
}
