import Foundation

/// Writes TensorBoard logs: PyTorch's `torch.utils.tensorboard.SummaryWriter` in Swift.
///
/// Every `add…` call encodes on the calling thread and returns at once; a writer thread puts
/// the bytes on disk within `flushSecs` (1 s by default, so a run shows up live — PyTorch
/// waits up to 120 s). Safe to use from many threads.
///
/// Event files are local unless `storage` says otherwise: LumenS3's `S3EventStorage` writes
/// a run to S3-compatible storage,
/// `SummaryWriter(logDir: "s3://bucket/prefix/run", storage: try S3EventStorage())`.
///
/// ### Example
/// ```swift
/// let writer = try SummaryWriter(logDir: "runs/exp1")
/// for step in 0..<100 {
///     writer.addScalar("loss", 1.0 / Double(step + 1), step: step)
/// }
/// try writer.addHistogram("weights", weights, step: 99)
/// try writer.close()
/// ```
public final class SummaryWriter: Sendable {
    /// The directory this writer's event file is in.
    public let logDir: String
    /// Pending events that make the writer thread write at once (PyTorch's `max_queue`).
    public let maxQueue: Int
    /// Longest time in seconds an event waits in memory (PyTorch's `flush_secs`).
    public let flushSecs: Double
    /// Appended to every event file's name.
    public let filenameSuffix: String
    /// How `addImage` and `addImages` scale float pixels.
    public let floatImageScaling: ImageScaling
    /// Where the event files go.
    public let storage: any EventFileStorage

    private struct State {
        var file: EventFileWriter?
        var purgeStep: Int?
        var groupWriters: [String: EventFileWriter] = [:]
        var errors: [Error] = []
    }
    private let state: Locked<State>
    /// The embeddings logged so far, rewritten to `projector_config.pbtxt` on each `addEmbedding`.
    let projectorConfig = Locked(ProjectorConfig())

    /// Opens a writer and creates its event file.
    ///
    /// - Parameters:
    ///   - logDir: Where to write. Default: `runs/<Mon><DD>_<HH>-<MM>-<SS>_<hostname><comment>`.
    ///   - comment: Appended to the default `logDir`; ignored when `logDir` is given.
    ///   - purgeStep: After a crash at step T+X resumed from step T, events at steps ≥ T are
    ///     hidden by TensorBoard; pass T.
    ///   - maxQueue: Pending events that trigger an immediate write (default 10, as PyTorch).
    ///   - flushSecs: Seconds an event may wait in memory (default 1).
    ///   - filenameSuffix: Appended to event file names.
    ///   - floatImageScaling: How float images become bytes (default ``ImageScaling/automatic``).
    ///   - storage: Where event files go: local files by default; storage from another module
    ///     for other places (`S3EventStorage` of LumenS3 for an `s3://bucket/prefix/run` `logDir`).
    /// - Throws: ``EventFileError`` naming the log directory when it cannot be created or written.
    public init(
        logDir: String? = nil, comment: String = "", purgeStep: Int? = nil, maxQueue: Int = 10,
        flushSecs: Double = 1, filenameSuffix: String = "", floatImageScaling: ImageScaling = .automatic,
        storage: any EventFileStorage = LocalEventFileStorage()
    ) throws {
        self.storage = storage
        self.logDir = logDir ?? Self.defaultLogDir(comment: comment)
        self.maxQueue = maxQueue
        self.flushSecs = flushSecs
        self.filenameSuffix = filenameSuffix
        self.floatImageScaling = floatImageScaling
        state = Locked(State(purgeStep: purgeStep))
        _ = try state.withLock { try openFile(&$0) }
    }

    /// PyTorch's default log directory: `runs/<Mon><DD>_<HH>-<MM>-<SS>_<hostname><comment>`.
    public static func defaultLogDir(comment: String = "", date: Date = Date()) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.dateFormat = "MMMdd_HH-mm-ss"
        return "runs/" + formatter.string(from: date) + "_" + EventFileName.hostName + comment
    }

    /// The path of the current event file.
    public var eventFilePath: String? { state.withLock { $0.file?.path } }

    // MARK: - Scalars

    /// Logs a scalar as a 32-bit `simple_value`, as PyTorch does. NaN and ±∞ are written as they are.
    public func addScalar(_ tag: String, _ value: Double, step: Int = 0, wallTime: Double? = nil) {
        writeScalar(tag, Float(value), step: step, wallTime: wallTime)
    }

    /// Logs a 32-bit float scalar.
    public func addScalar(_ tag: String, _ value: Float, step: Int = 0, wallTime: Double? = nil) {
        writeScalar(tag, value, step: step, wallTime: wallTime)
    }

    /// Logs an integer scalar (converted through Double to Float, as PyTorch's `float(value)` does).
    @inlinable
    public func addScalar<T: BinaryInteger>(_ tag: String, _ value: T, step: Int = 0, wallTime: Double? = nil) {
        addScalar(tag, Double(value), step: step, wallTime: wallTime)
    }

    /// Logs several scalars on one chart: each key goes to its own run directory
    /// `<logDir>/<mainTag with "/" → "_">_<key>/` under the tag `mainTag`, as PyTorch's `add_scalars`.
    public func addScalars(_ mainTag: String, _ values: [String: Double], step: Int = 0, wallTime: Double? = nil) {
        let time = wallTime ?? Date().timeIntervalSince1970
        for key in values.keys.sorted() {
            let dir = storage.directory(mainTag.replacingOccurrences(of: "/", with: "_") + "_" + key, in: logDir)
            guard let writer = groupWriter(dir) else { continue }
            record { try writer.writeScalar(tag: mainTag, value: Float(values[key]!), step: Int64(step), wallTime: time) }
        }
    }

    private func writeScalar(_ tag: String, _ value: Float, step: Int, wallTime: Double?) {
        guard let file = currentFile() else { return }
        record { try file.writeScalar(tag: tag, value: value, step: Int64(step), wallTime: wallTime ?? Date().timeIntervalSince1970) }
    }

    // MARK: - Histograms

    /// Logs a histogram of `values`, bucket for bucket as PyTorch's `add_histogram`.
    /// - Parameters:
    ///   - tag: The chart's name.
    ///   - values: The values to count.
    ///   - step: The step the histogram belongs to.
    ///   - bins: ``HistogramBins/tensorflow`` (default), a bucket count, or explicit edges.
    ///   - maxBins: Merge neighbouring buckets until at most about this many remain.
    ///   - wallTime: Seconds since 1970; now when nil.
    /// - Throws: ``HistogramError`` for empty input, non-finite values with counted bins, or bad edges.
    public func addHistogram(
        _ tag: String, _ values: [Double], step: Int = 0, bins: HistogramBins = .tensorflow, maxBins: Int? = nil, wallTime: Double? = nil
    ) throws {
        let histogram = try TBHistogramProto(values: values, bins: bins, maxBins: maxBins)
        addSummary([.histogram(tag: tag, histogram)], step: step, wallTime: wallTime)
    }

    /// Logs a histogram of 32-bit values (widened to Double first, as PyTorch does).
    /// - Throws: ``HistogramError`` for empty input, non-finite values with counted bins, or bad edges.
    public func addHistogram(
        _ tag: String, _ values: [Float], step: Int = 0, bins: HistogramBins = .tensorflow, maxBins: Int? = nil, wallTime: Double? = nil
    ) throws {
        try addHistogram(tag, values.map(Double.init), step: step, bins: bins, maxBins: maxBins, wallTime: wallTime)
    }

    /// Logs a histogram whose statistics and buckets were computed elsewhere (PyTorch's
    /// `add_histogram_raw`). `bucketLimits` are the buckets' right edges.
    /// - Throws: ``HistogramError`` when the two bucket arrays differ in length.
    public func addHistogramRaw(
        _ tag: String, min: Double, max: Double, num: Int, sum: Double, sumSquares: Double,
        bucketLimits: [Double], bucketCounts: [Double], step: Int = 0, wallTime: Double? = nil
    ) throws {
        guard bucketLimits.count == bucketCounts.count else {
            throw HistogramError(message: "\(tag): \(bucketLimits.count) bucket limits but \(bucketCounts.count) bucket counts")
        }
        var histogram = TBHistogramProto()
        histogram.min = min
        histogram.max = max
        histogram.num = Double(num)
        histogram.sum = sum
        histogram.sumSquares = sumSquares
        histogram.bucketLimit = bucketLimits
        histogram.bucket = bucketCounts
        addSummary([.histogram(tag: tag, histogram)], step: step, wallTime: wallTime)
    }

    // MARK: - Images

    /// Logs a float image laid out as `dataFormats` (CHW by default), scaled by
    /// ``floatImageScaling``, as PyTorch's `add_image`.
    /// - Throws: ``ImageError`` naming the shape and format when they do not fit the pixels.
    public func addImage(
        _ tag: String, _ pixels: [Float], shape: [Int], dataFormats: ImageDataFormat = .chw, step: Int = 0, wallTime: Double? = nil
    ) throws {
        let image = try ImagePixels(float: pixels, shape: shape, format: dataFormats, scaling: floatImageScaling)
        addSummary([.image(tag: tag, image)], step: step, wallTime: wallTime)
    }

    /// Logs a byte image (0…255, no scaling) laid out as `dataFormats`.
    /// - Throws: ``ImageError`` naming the shape and format when they do not fit the pixels.
    public func addImage(
        _ tag: String, _ pixels: [UInt8], shape: [Int], dataFormats: ImageDataFormat = .chw, step: Int = 0, wallTime: Double? = nil
    ) throws {
        let image = try ImagePixels(bytes: pixels, shape: shape, format: dataFormats)
        addSummary([.image(tag: tag, image)], step: step, wallTime: wallTime)
    }

    /// Logs a batch of float images (NCHW by default) as one grid, 8 images wide, as PyTorch's `add_images`.
    /// - Throws: ``ImageError`` naming the shape and format when they do not fit the pixels.
    public func addImages(
        _ tag: String, _ pixels: [Float], shape: [Int], dataFormats: ImageDataFormat = .nchw, step: Int = 0, wallTime: Double? = nil
    ) throws {
        try addImage(tag, pixels, shape: shape, dataFormats: try batchFormat(dataFormats), step: step, wallTime: wallTime)
    }

    /// Logs a batch of byte images (NCHW by default) as one grid, 8 images wide.
    /// - Throws: ``ImageError`` naming the shape and format when they do not fit the pixels.
    public func addImages(
        _ tag: String, _ pixels: [UInt8], shape: [Int], dataFormats: ImageDataFormat = .nchw, step: Int = 0, wallTime: Double? = nil
    ) throws {
        try addImage(tag, pixels, shape: shape, dataFormats: try batchFormat(dataFormats), step: step, wallTime: wallTime)
    }

    private func batchFormat(_ format: ImageDataFormat) throws -> ImageDataFormat {
        guard format.rank == 4 else { throw ImageError(message: "addImages needs a batch format such as NCHW, got \(format)") }
        return format
    }

    // MARK: - Text and raw summaries

    /// Logs Markdown text, as PyTorch's `add_text` (tag `<tag>/text_summary`, plugin "text").
    public func addText(_ tag: String, _ text: String, step: Int = 0, wallTime: Double? = nil) {
        addSummary([.text(tag: tag, text)], step: step, wallTime: wallTime)
    }

    /// Logs summary values built by hand (or by the `TBSummary.Value` helpers) in one event.
    public func addSummary(_ values: [TBSummary.Value], step: Int = 0, wallTime: Double? = nil) {
        var event = TBEvent()
        event.wallTime = wallTime ?? Date().timeIntervalSince1970
        event.step = Int64(step)
        event.summary.value = values
        addEvent(event)
    }

    /// Appends a complete event to this writer's file.
    public func addEvent(_ event: TBEvent) {
        guard let file = currentFile() else { return }
        record { try file.write(event) }
    }

    // MARK: - Flush and close

    /// Writes everything logged so far to disk.
    /// - Throws: the first error since the last flush (an I/O error names the file).
    public func flush() throws {
        let writers = state.withLock { s in [s.file].compactMap { $0 } + s.groupWriters.values }
        for writer in writers { record { try writer.flush() } }
        try throwRecorded()
    }

    /// Writes everything and closes the event files. Logging afterwards opens a new file,
    /// as PyTorch does.
    /// - Throws: the first error not yet reported.
    public func close() throws {
        let writers = state.withLock { s in
            let all = [s.file].compactMap { $0 } + s.groupWriters.values
            s.file = nil
            s.groupWriters = [:]
            return all
        }
        for writer in writers { record { try writer.close() } }
        try throwRecorded()
    }

    // MARK: - Internals

    private func currentFile() -> EventFileWriter? {
        state.withLock { s in
            if let file = s.file { return file }
            do { return try openFile(&s) } catch {
                s.errors.append(error)
                return nil
            }
        }
    }

    private func openFile(_ s: inout State) throws -> EventFileWriter {
        let file = try EventFileWriter(logDir: logDir, filenameSuffix: filenameSuffix, flushInterval: flushSecs, maxQueue: maxQueue,
                                       storage: storage)
        if let purge = s.purgeStep {
            // As PyTorch: a version event and a session START at the purge step make
            // TensorBoard drop the events at and after it from earlier, crashed runs.
            var version = TBEvent()
            version.wallTime = Date().timeIntervalSince1970
            version.step = Int64(purge)
            version.fileVersion = "brain.Event:2"
            var start = version
            start.sessionLog.status = .start
            try file.write(version)
            try file.write(start)
            s.purgeStep = nil
        }
        s.file = file
        return file
    }

    private func groupWriter(_ dir: String) -> EventFileWriter? {
        state.withLock { s in
            if let writer = s.groupWriters[dir] { return writer }
            do {
                let writer = try EventFileWriter(logDir: dir, filenameSuffix: filenameSuffix, flushInterval: flushSecs, maxQueue: maxQueue,
                                                 storage: storage)
                s.groupWriters[dir] = writer
                return writer
            } catch {
                s.errors.append(error)
                return nil
            }
        }
    }

    /// Runs a write; an error is kept to be thrown by the next `flush()` or `close()`.
    private func record(_ write: () throws -> Void) {
        do { try write() } catch { state.withLock { $0.errors.append(error) } }
    }

    private func throwRecorded() throws {
        let errors = state.withLock { s in
            defer { s.errors = [] }
            return s.errors
        }
        if let first = errors.first { throw first }
    }
}
