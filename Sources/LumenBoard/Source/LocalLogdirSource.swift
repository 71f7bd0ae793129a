import Foundation

/// A log directory on a local (or mounted) file system: runs found by ``LogdirScanner``, each
/// file's size from `stat`, bytes read with `pread`.
public struct LocalLogdirSource: LogdirSource {
    /// The directory, or a single event file.
    public let root: String

    public init(root: String) { self.root = root }

    public var location: String { root }

    public func listRuns() throws -> [LogdirRunListing] {
        try LogdirScanner.runs(in: root).map { run in
            LogdirRunListing(name: run.name, files: run.eventFiles.map { Self.listing($0) })
        }
    }

    public func open(_ path: String) throws -> any EventFileBytes { try LocalFileBytes(path: path) }

    /// `path` with its size now (0 when it cannot be read: it is opened, and the error reported,
    /// when loaded).
    static func listing(_ path: String) -> EventFileListing {
        var info = stat()
        return EventFileListing(path: path, size: stat(path, &info) == 0 ? Int64(info.st_size) : 0)
    }
}
