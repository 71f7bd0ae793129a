import Foundation

/// One run: its ``RunContent``, kept up to date by ``load(files:progress:)``, and the lock under which
/// readers look at it.
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

    /// Reads what is new in `files` (the run's event files in name order): new files, and
    /// records appended since the last load. Calls `progress` with the bytes consumed by each
    /// batch as it is published; returns the bytes consumed in all.
    @discardableResult
    public func load(files paths: [String], progress: (Int64) -> Void = { _ in }) -> Int64 {
        loading.lock()
        defer { loading.unlock() }
        var consumed: Int64 = 0
        var batch = RecordBatch()
        for path in paths {
            var state = files[path] ?? FileState()
            if state.reader == nil {
                guard let size = Self.fileSize(path), size > state.offset || files[path] == nil,
                      let reader = try? RecordReader(path: path, offset: state.offset) else { continue }
                state.reader = reader
            }
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
            let unreadable = reader.unreadableBytes
            lock.withLock { content.setDamageAtEnd(of: path, offset: reader.offset - unreadable, unreadableBytes: unreadable) }
            if unreadable == 0 && reader.pendingBytes == 0 { state.reader = nil } else { reader.releaseConsumedBytes() }
            files[path] = state
        }
        lock.withLock { content.forgetRecentTags() }
        return consumed
    }

    /// Event files held open between loads (tests check that finished files are not).
    var openReaders: Int { loading.withLock { files.values.filter { $0.reader != nil }.count } }

    private static func fileSize(_ path: String) -> Int64? {
        var info = stat()
        return stat(path, &info) == 0 ? Int64(info.st_size) : nil
    }
}
