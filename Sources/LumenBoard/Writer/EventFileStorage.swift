import Foundation

/// Where a ``SummaryWriter``'s event files go: local files by default
/// (``LocalEventFileStorage``), or storage another module provides — LumenS3's
/// `S3EventStorage` writes runs to S3-compatible object storage — so that the writer itself
/// depends on nothing but the file system.
///
/// ### Example
/// ```swift
/// // import LumenS3
/// let writer = try SummaryWriter(logDir: "s3://training-logs/exp1/run1", storage: try S3EventStorage())
/// ```
public protocol EventFileStorage: Sendable {
    /// The log directory `component` inside `logDir` (a run of `addScalars`, or `addHParams`'s).
    func directory(_ component: String, in logDir: String) -> String

    /// Creates the new, empty event file `name` in `logDir` and returns where its bytes go.
    /// - Throws: ``EventFileError`` naming the log directory when it cannot be created.
    func createFile(named name: String, in logDir: String) throws -> any EventFileSink

    /// True when each write costs a request (an upload): the writer then writes only when its
    /// flush interval has passed, on `flush()` and on `close()` — not whenever `maxQueue`
    /// events are pending.
    var writesOnlyOnFlush: Bool { get }
}

/// Where one event file's bytes go, a batch of whole records at a time, from the writer's thread.
public protocol EventFileSink: AnyObject {
    /// The file's path or URL.
    var path: String { get }

    /// Adds `bytes`, whole framed records, after what was written before.
    /// - Throws: an error naming the file when they cannot be written.
    func write(_ bytes: [UInt8]) throws

    /// Called once, after the last write.
    func close()
}

/// Event files on the local file system: directories created as needed, files appended to.
public struct LocalEventFileStorage: EventFileStorage {
    public init() {}

    public var writesOnlyOnFlush: Bool { false }

    public func directory(_ component: String, in logDir: String) -> String {
        (logDir as NSString).appendingPathComponent(component)
    }

    public func createFile(named name: String, in logDir: String) throws -> any EventFileSink {
        if logDir.contains("://") {
            throw EventFileError.cannotCreateLogDir(
                path: logDir, reason: "a URL is not a local directory; pass the storage for it, e.g. LumenS3's S3EventStorage for s3://")
        }
        do {
            try FileManager.default.createDirectory(atPath: logDir, withIntermediateDirectories: true)
        } catch {
            throw EventFileError.cannotCreateLogDir(path: logDir, reason: (error as NSError).localizedDescription)
        }
        return try LocalEventFileSink(path: directory(name, in: logDir), createNew: true)
    }
}

/// A local event file, opened for appending.
final class LocalEventFileSink: EventFileSink {
    let path: String
    private let descriptor: Int32

    /// Opens `path` for appending (creating it, and failing if it exists, when `createNew`).
    init(path: String, createNew: Bool) throws {
        descriptor = open(path, O_WRONLY | O_APPEND | O_CLOEXEC | (createNew ? O_CREAT | O_EXCL : 0), 0o644)
        guard descriptor >= 0 else {
            let directory = (path as NSString).deletingLastPathComponent
            throw EventFileError.cannotCreateLogDir(path: directory, reason: "cannot create \(path): \(String(cString: strerror(errno)))")
        }
        self.path = path
    }

    func write(_ bytes: [UInt8]) throws {
        try bytes.withUnsafeBytes { raw in
            var done = 0
            while done < raw.count {
                let n = Foundation.write(descriptor, raw.baseAddress! + done, raw.count - done)
                if n < 0 {
                    if errno == EINTR { continue }
                    throw EventFileError.writeFailed(path: path, reason: String(cString: strerror(errno)))
                }
                done += n
            }
        }
    }

    func close() { Foundation.close(descriptor) }
}
