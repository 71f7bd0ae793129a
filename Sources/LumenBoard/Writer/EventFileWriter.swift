import Foundation
import SwiftProtobuf

/// Appends events to one new event file without slowing down the caller.
///
/// The file is local unless an ``EventFileStorage`` says otherwise (LumenS3's
/// `S3EventStorage` writes it to object storage, a batch of records an object).
///
/// Events are encoded and framed on the caller's thread into a memory buffer; a writer thread
/// moves the buffer to disk when `maxQueue` events are pending (within a millisecond: under a
/// stream of events it writes them in batches), when the oldest pending event is
/// `flushInterval` seconds old, or on ``flush()`` / ``close()``. Safe to use from many
/// threads at once. An I/O error on the writer thread is kept and thrown by the next
/// ``flush()`` or ``close()``; nothing is dropped silently: files still open when the program
/// exits normally are flushed then.
///
/// ### Example
/// ```swift
/// let file = try EventFileWriter(logDir: "runs/exp1")
/// var event = TBEvent()
/// event.step = 3
/// event.summary.value = [.scalar(tag: "loss", value: 0.25)]
/// try file.write(event)
/// try file.close()
/// ```
public final class EventFileWriter: @unchecked Sendable {
    /// The file's full path (or URL, for storage other than local files).
    public let path: String
    /// Longest time, in seconds, an event waits in memory before it is written.
    public let flushInterval: Double
    /// Number of pending events that makes the writer thread write at once.
    public let maxQueue: Int

    /// How long the writer thread gathers events after a full queue, in seconds.
    static let gatherInterval = 0.001

    /// Buffered bytes beyond which callers wait for the disk instead of growing memory further.
    static let maxPendingBytes = 256 << 20

    private let sink: any EventFileSink
    // Everything below is guarded by `condition`.
    private let condition = NSCondition()
    private var pending: [UInt8] = []
    private var pendingEvents = 0
    private var oldestPending: Date?
    private var appendedBytes: Int64 = 0
    private var writtenBytes: Int64 = 0
    private var writeError: EventFileError?
    private var flushRequested = false
    private var closing = false
    private var finished = false
    private var writerWaiting = false

    /// Creates `logDir` if needed and a new event file in it, whose first record is
    /// `file_version: "brain.Event:2"`.
    ///
    /// - Parameters:
    ///   - logDir: Directory for the file.
    ///   - filenameSuffix: Appended to the file name.
    ///   - flushInterval: Seconds an event may wait in memory (default 1).
    ///   - maxQueue: Pending events that trigger an immediate write (default 10; ignored by
    ///     storage that writes only on flush, see ``EventFileStorage/writesOnlyOnFlush``).
    ///   - storage: Where the file goes (local files by default).
    /// - Throws: ``EventFileError`` naming the directory or file that cannot be created.
    public convenience init(logDir: String, filenameSuffix: String = "", flushInterval: Double = 1, maxQueue: Int = 10,
                            storage: any EventFileStorage = LocalEventFileStorage()) throws {
        let sink = try storage.createFile(named: EventFileName.make(suffix: filenameSuffix), in: logDir)
        try self.init(sink: sink, flushInterval: flushInterval, maxQueue: storage.writesOnlyOnFlush ? .max : maxQueue)
    }

    /// Opens the local file `path` for appending (creating it, and failing if it exists, when `createNew`).
    convenience init(path: String, createNew: Bool, flushInterval: Double, maxQueue: Int) throws {
        try self.init(sink: LocalEventFileSink(path: path, createNew: createNew), flushInterval: flushInterval, maxQueue: maxQueue)
    }

    private init(sink: any EventFileSink, flushInterval: Double, maxQueue: Int) throws {
        self.sink = sink
        path = sink.path
        self.flushInterval = max(0, flushInterval)
        self.maxQueue = max(1, maxQueue)
        // The thread keeps the writer alive until close(); an unclosed file is flushed at exit.
        let thread = Thread { [self] in runWriter() }
        thread.name = "lumen event writer"
        thread.start()
        OpenWriters.register(self)
        var first = TBEvent()
        first.wallTime = Date().timeIntervalSince1970
        first.fileVersion = "brain.Event:2"
        first.sourceMetadata.writer = "lumen"
        try write(first)
    }

    /// Appends `event` (serialized on the calling thread).
    /// - Throws: ``EventFileError/closed(path:)`` after ``close()``.
    public func write(_ event: TBEvent) throws {
        let payload: [UInt8] = try event.serializedBytes()
        try append { buffer in
            payload.withUnsafeBytes { buffer.append(contentsOf: $0) }
        }
    }

    /// Appends a scalar event encoded directly into the buffer (the `addScalar` fast path).
    func writeScalar(tag: String, value: Float, step: Int64, wallTime: Double) throws {
        try append { ScalarEventEncoder.append(tag: tag, value: value, step: step, wallTime: wallTime, to: &$0) }
    }

    /// Frames the payload that `encode` appends as one record. The record is encoded and its
    /// checksums computed before the lock is taken, so that threads logging at once hold it
    /// only to copy bytes.
    private func append(_ encode: (inout [UInt8]) -> Void) throws {
        var record: [UInt8] = []
        record.reserveCapacity(128)
        record.append(contentsOf: repeatElement(0, count: RecordFraming.headerSize))
        encode(&record)
        RecordFraming.sealPayload(in: &record, headerStart: 0)
        condition.lock()
        defer { condition.unlock() }
        while pending.count > Self.maxPendingBytes && !closing { condition.wait() }
        guard !closing else { throw EventFileError.closed(path: path) }
        pending.append(contentsOf: record)
        appendedBytes += Int64(record.count)
        pendingEvents += 1
        if oldestPending == nil { oldestPending = Date() }
        // Wake the writer when its deadline starts or the queue is full; otherwise it is
        // already busy or will wake on time by itself.
        if writerWaiting && (pendingEvents == 1 || pendingEvents >= maxQueue || flushInterval == 0) {
            condition.signal()
        }
    }

    /// Writes every event appended so far to the file.
    /// - Throws: the first I/O error since the last `flush()` or `close()`, naming the file.
    public func flush() throws {
        condition.lock()
        defer { condition.unlock() }
        let target = appendedBytes
        flushRequested = true
        condition.broadcast()
        while writtenBytes < target && !finished { condition.wait() }
        try takeError()
    }

    /// Writes everything pending, stops the writer thread and closes the file. Idempotent.
    /// - Throws: the first I/O error not yet reported, naming the file.
    public func close() throws {
        condition.lock()
        defer { condition.unlock() }
        if !closing {
            closing = true
            condition.broadcast()
            OpenWriters.unregister(self)
        }
        while !finished { condition.wait() }
        try takeError()
    }

    /// Throws and clears a pending I/O error. Call with the lock held.
    private func takeError() throws {
        if let error = writeError {
            writeError = nil
            throw error
        }
    }

    // MARK: - Writer thread

    private func runWriter() {
        var batch: [UInt8] = []
        var busy = false
        condition.lock()
        while true {
            if busy && !closing && !flushRequested {
                // Under a stream of events, gather for a moment instead of being woken every
                // `maxQueue` events: a wake-up costs the logging thread a system call.
                _ = condition.wait(until: Date(timeIntervalSinceNow: Self.gatherInterval))
            }
            while !closing && !(pendingEvents > 0 && (flushRequested || pendingEvents >= maxQueue || deadlinePassed())) {
                writerWaiting = true
                if let oldest = oldestPending {
                    _ = condition.wait(until: oldest.addingTimeInterval(flushInterval))
                } else {
                    condition.wait()
                }
                writerWaiting = false
            }
            if pending.isEmpty && closing { break }
            busy = pendingEvents >= maxQueue
            swap(&batch, &pending)
            pendingEvents = 0
            oldestPending = nil
            flushRequested = false
            let target = appendedBytes
            condition.broadcast()  // callers waiting on a full buffer may go on
            condition.unlock()
            let error = writeAll(batch)
            batch.removeAll(keepingCapacity: batch.capacity <= 16 << 20)
            condition.lock()
            if let error, writeError == nil { writeError = error }
            writtenBytes = target
            condition.broadcast()
        }
        sink.close()
        finished = true
        condition.broadcast()
        condition.unlock()
    }

    private func deadlinePassed() -> Bool {
        guard let oldest = oldestPending else { return false }
        return Date().timeIntervalSince(oldest) >= flushInterval
    }

    private func writeAll(_ bytes: [UInt8]) -> EventFileError? {
        do {
            try sink.write(bytes)
            return nil
        } catch let error as EventFileError {
            return error
        } catch {
            return .writeFailed(path: path, reason: "\(error)")
        }
    }
}
