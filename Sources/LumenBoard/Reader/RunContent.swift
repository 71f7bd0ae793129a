import Foundation

/// What one run's event files hold, as the board keeps it: every scalar point in
/// ``ScalarSeries`` columns, histograms, texts and PR curves as points, images as references
/// into their files, the custom-scalars layout and hparams records, and the damage found. ``RunStore`` loads it and hands it to readers under its lock.
public struct RunContent {
    public internal(set) var scalars: [String: ScalarSeries] = [:]
    public internal(set) var histograms: [String: PointSeries<HistogramPoint>] = [:]
    /// Per step, the images of one value (TF2 image tensors hold several).
    public internal(set) var images: [String: PointSeries<[ImageReference]>] = [:]
    public internal(set) var texts: [String: PointSeries<TextPoint>] = [:]
    public internal(set) var prCurves: [String: PointSeries<PRCurvePoint>] = [:]
    /// The custom-scalars layout, as last logged.
    public internal(set) var customScalarLayout: TBCustomScalarLayout?
    /// The hparams plugin's experiment and session, as last logged.
    public internal(set) var hparams = RunHParams()
    /// Tags of other values (audio, tensors of other plugins), with their counts.
    public internal(set) var otherTags: [String: Int] = [:]
    /// Where graph definitions are: file path and record offset.
    public internal(set) var graphs: [(path: String, offset: Int64)] = []
    /// The latest wall time seen.
    public internal(set) var lastWallTime: Double = 0
    /// Damage found in the run's files, in the order found, then the damage at the end of
    /// files that no intact record follows yet (how far it reaches so far).
    public var damage: [RecordDamage] {
        foundDamage + damageAtEnd.keys.sorted().map { damageAtEnd[$0]! }
    }
    private var foundDamage: [RecordDamage] = []
    /// Per file, the damage it ends in, while no intact record follows it.
    private var damageAtEnd: [String: RecordDamage] = [:]

    /// Scalar points read by the fast path, on their way into their series.
    private var staged = StagedScalars()

    /// Number of scalar points.
    public var scalarPoints: Int { scalars.values.reduce(0) { $0 + $1.count } }

    /// Adds what the record at `offset` of `path` holds; a record that is not an event
    /// (``EventDecoding``) is kept as damage. Scalars read by the fast path may wait in the
    /// staging area: call ``publishStagedScalars()`` before anyone else reads the content.
    mutating func ingest(record payload: UnsafeRawBufferPointer, path: String, offset: Int64) {
        if let scan = ScalarScan(payload) {
            lastWallTime = max(lastWallTime, scan.wallTime)
            scan.forEach { tag, value in
                let point = ScalarPoint(wallTime: scan.wallTime, value: Float(value))
                if !staged.stage(tag: tag, step: scan.step, point: point) {
                    let series = Self.series(String(decoding: tag, as: UTF8.self), in: &scalars)
                    staged.stage(tag: tag, series: series, step: scan.step, point: point)
                }
            }
            return
        }
        staged.publish()
        switch EventDecoding.event(Array(payload), path: path, offset: offset) {
        case .success(let event): ingest(event, path: path, offset: offset)
        case .failure(let damage): foundDamage.append(damage)
        }
    }

    mutating func add(_ damage: RecordDamage) { foundDamage.append(damage) }

    /// Notes that `path` ends in `unreadableBytes` bytes of damage from `offset` (0: it does not).
    mutating func setDamageAtEnd(of path: String, offset: Int64, unreadableBytes: Int64) {
        damageAtEnd[path] = unreadableBytes == 0 ? nil
            : RecordDamage(path: path, offset: offset, kind: .badLengthChecksum(skippedBytes: unreadableBytes))
    }

    /// Appends the scalars waiting in the staging area to their series.
    mutating func publishStagedScalars() { staged.publish() }

    /// Publishes the staged scalars and lets go of the recent tags between loads: a quiet run
    /// holds nothing it does not show.
    mutating func forgetRecentTags() { staged.forget() }

    /// The series of `tag` in `table`, added when new.
    private static func series<Columns>(_ tag: String, in table: inout [String: StepSeries<Columns>]) -> StepSeries<Columns> {
        if let found = table[tag] { return found }
        let series = StepSeries<Columns>()
        table[tag] = series
        return series
    }

    private mutating func ingest(_ event: TBEvent, path: String, offset: Int64) {
        lastWallTime = max(lastWallTime, event.wallTime)
        switch event.what {
        case .summary(let summary):
            for value in summary.value { ingest(value, step: event.step, wallTime: event.wallTime, path: path, offset: offset) }
        case .sessionLog(let log) where log.status == .start:
            // A restarted run: what was logged at or after this step is superseded.
            purge(fromStep: event.step)
        case .graphDef:
            graphs.append((path, offset))
        default:
            break
        }
    }

    private mutating func ingest(_ value: TBSummary.Value, step: Int64, wallTime: Double, path: String, offset: Int64) {
        let tag = value.tag
        switch ValueKind(value) {
        case .scalar:
            guard let number = SummaryDecoding.scalar(value) else { return }
            Self.series(tag, in: &scalars).append(step: step, wallTime: wallTime, value: number)
        case .histogram:
            guard let point = SummaryDecoding.histogram(value, wallTime: wallTime) else { return }
            Self.series(tag, in: &histograms).append(point, step: step)
        case .image:
            let references = SummaryDecoding.imageSizes(value).enumerated().map { index, size in
                ImageReference(wallTime: wallTime, width: size.width, height: size.height, path: path, offset: offset, index: index)
            }
            if !references.isEmpty { Self.series(tag, in: &images).append(references, step: step) }
        case .text:
            Self.series(tag, in: &texts).append(TextPoint(wallTime: wallTime, text: SummaryDecoding.text(value)), step: step)
        case .prCurve:
            decoded(value, path: path, offset: offset) { try PluginDecoding.prCurve($0, wallTime: wallTime) }
                .map { Self.series(tag, in: &prCurves).append($0, step: step) }
        case .customScalars:
            decoded(value, path: path, offset: offset) { try PluginDecoding.customScalarLayout($0) }
                .map { customScalarLayout = $0 }
        case .hparams:
            decoded(value, path: path, offset: offset) { try PluginDecoding.hparams($0) }
                .map { hparams.add($0) }
        case .audio, .tensor:
            otherTags[tag, default: 0] += 1
        }
    }

    /// What `decode` reads from `value`, or nil with the damage noted: one malformed value is
    /// skipped, the rest of its event kept.
    private mutating func decoded<T>(_ value: TBSummary.Value, path: String, offset: Int64,
                                     _ decode: (TBSummary.Value) throws -> T) -> T? {
        do {
            return try decode(value)
        } catch {
            let plugin = value.metadata.pluginData.pluginName
            foundDamage.append(RecordDamage(path: path, offset: offset, kind: .malformedPluginData(plugin: plugin, tag: value.tag, reason: "\(error)")))
            return nil
        }
    }

    private func purge(fromStep step: Int64) {
        for series in scalars.values { series.truncate(fromStep: step) }
        for series in histograms.values { series.truncate(fromStep: step) }
        for series in images.values { series.truncate(fromStep: step) }
        for series in texts.values { series.truncate(fromStep: step) }
        for series in prCurves.values { series.truncate(fromStep: step) }
    }
}
