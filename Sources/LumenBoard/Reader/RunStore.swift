import Foundation

/// One run: its ``RunContent``, kept up to date by ``load(files:from:progress:)``, and the lock
/// under which readers look at it.
///
/// Loading reads records outside the lock and adds them in batches, each under a short hold of
/// the lock, so requests are answered while a long file, or a long search through damage, is
/// being read.
///
/// ### Example
/// ```swift
/// let run = RunStore(name: ".")
/// run.load(files: ["runs/events.out.tfevents.1700000000.host.42.0"])
/// let points = run.read { $0.scalars["loss"]?.count ?? 0 }
/// ```
public final class RunStore: @unchecked Sendable {
    /// The run's data, as seen inside ``read(_:)``.
    public typealias Content = RunContent

    /// The run's name: its directory relative to the log directory ("." for the root).
    public let name: String

    /// Where reading stopped in one event file.
    private struct FileState {
        /// Kept open only while the file ends in damage or in a partial record (a search or a
        /// record to resume, with the bytes read so far); otherwise the file is opened again at
        /// `offset` when it grows, so a quiet run holds no descriptor and no buffer.
        var reader: RecordReader?
        var offset: Int64 = 0
        /// The size listed when it was last read: a file whose listing shows no more bytes
        /// than this is not read again.
        var listedSize: Int64 = -1
    }

    /// Records read per batch, and bytes read from the file per batch at most (one record may
    /// exceed it): small enough that readers wait only briefly for the lock.
    static let batchRecords = 16_384
    static let batchBytes: Int64 = 4 << 20

    private let lock = NSLock()
    private var content = RunContent()
    /// Held for a whole load: loads of the same run never overlap.
    private let loading = NSLock()
    private var files: [String: FileState] = [:]
    /// Called after each batch is published, outside the run's lock, with the bytes passed over
    /// as damage so far in the file being read (tests use it to look at the run mid-load).
    var betweenBatches: ((_ unreadableBytes: Int64) -> Void)?

    public init(name: String) { self.name = name }

    /// Looks at the run's data under its lock.
    public func read<R>(_ body: (Content) -> R) -> R {
        lock.withLock { body(content) }
    }

    /// Reads what is new in the local event files `paths` (the run's files in name order); a
    /// file that cannot be opened is passed over, to be tried again on the next load.
    @discardableResult
    public func load(files paths: [String], progress: (Int64) -> Void = { _ in }) -> Int64 {
        // A local source opens the paths it is given, whatever its root.
        let source = LocalLogdirSource(root: ".")
        return load(files: paths.map { LocalLogdirSource.listing($0) }, from: source, progress: progress).consumed
    }

    /// Reads what is new in `files` (the run's event files in name order, as `source` listed
    /// them): new files, and records appended since the last load — only the bytes after where
    /// the last load stopped, and nothing from a file whose listed size has not grown. Calls
    /// `progress` with the bytes consumed by each batch as it is published.
    /// - Returns: the bytes consumed in all, and the errors that stopped a file's reading early
    ///   (each names its file; the file is read again from where it stopped on the next load).
    public func load(files listed: [EventFileListing], from source: any LogdirSource,
                     progress: (Int64) -> Void = { _ in }) -> (consumed: Int64, errors: [any Error]) {
        loading.lock()
        defer { loading.unlock() }
        var consumed: Int64 = 0
        var errors: [any Error] = []
        var batch = RecordBatch()
        for file in listed {
            let path = file.path
            var state = files[path] ?? FileState()
            if state.reader == nil {
                guard file.size > state.offset || files[path] == nil else { continue }
                do {
                    state.reader = RecordReader(bytes: try source.open(path), path: path, offset: state.offset,
                                                chunkSize: Self.readChunk(for: file))
                } catch {
                    errors.append(error)
                    continue
                }
            } else if file.size <= state.listedSize {
                continue  // ends in a partial record or damage, and nothing was appended
            }
            state.listedSize = file.size
            let reader = state.reader!
            let start = reader.offset
            var published = start
            var finished = false
            while !finished {
                batch.removeAll()
                finished = reader.readAvailable(limit: Self.batchRecords, byteLimit: Self.batchBytes, onRecord: { offset, payload in
                    batch.append(record: payload, offset: offset)
                }, onDamage: { batch.append($0) })
                if !batch.isEmpty { lock.withLock { batch.add(to: &content, path: path) } }
                progress(max(0, reader.offset - published))
                published = reader.offset
                betweenBatches?(reader.unreadableBytes)
            }
            consumed += reader.offset - start
            state.offset = reader.offset
            if let error = reader.readError {
                errors.append(error)
                state.listedSize = -1  // try again on the next load, even if nothing was appended
            }
            let unreadable = reader.unreadableBytes
            lock.withLock { content.setDamageAtEnd(of: path, offset: reader.offset - unreadable, unreadableBytes: unreadable) }
            if unreadable == 0 && reader.pendingBytes == 0 { state.reader = nil } else { reader.releaseConsumedBytes() }
            files[path] = state
        }
        lock.withLock { content.forgetRecentTags() }
        return (consumed, errors)
    }

    /// Event files held open between loads (tests check that finished files are not).
    var openReaders: Int { loading.withLock { files.values.filter { $0.reader != nil }.count } }

    /// Bytes asked of the source at a time: 1 MiB for a local file; 16 MiB for a remote one (a
    /// listed version), whose source streams what is new and hands it over in large pieces.
    private static func readChunk(for file: EventFileListing) -> Int {
        file.version == nil ? 1 << 20 : 16 << 20
    }
}
