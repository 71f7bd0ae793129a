/// Where a log directory's event files live — local files (``LocalLogdirSource``) or objects in
/// S3-compatible storage (the LumenS3 module's `S3LogdirSource`) — behind the reader's first two
/// stages: listing the runs and their event files, then reading a file's bytes by offset. Every
/// later stage (records, events, ``RunStore``) is the same for every source.
///
/// Listing and reading block the calling thread; ``LogdirStore`` calls them from its reload
/// thread and from one thread per run it loads.
public protocol LogdirSource: Sendable {
    /// The log directory as the user named it: a path, or an `s3://bucket/prefix` URL.
    var location: String { get }

    /// The runs and their event files as they are now, runs sorted by name and each run's files
    /// in name order (the order TensorBoard reads them).
    /// - Throws: an error whose description names the log directory and what is wrong with it.
    func listRuns() throws -> [LogdirRunListing]

    /// The bytes of the event file at `path` (a path from ``listRuns()``), read by offset; reads
    /// see the file as the latest listing found it.
    /// - Throws: an error naming the file when it cannot be opened.
    func open(_ path: String) throws -> any EventFileBytes

    /// What the latest ``listRuns()`` could not list while it listed the rest (a directory of a
    /// `--logdir-spec` that does not exist, …), one line each.
    var listingProblems: [String] { get }
}

extension LogdirSource {
    /// A source that lists all or nothing has no partial problems.
    public var listingProblems: [String] { [] }
}

/// One run found by listing a log directory.
public struct LogdirRunListing: Sendable, Equatable {
    /// Path relative to the log directory; "." for the root.
    public var name: String
    /// The run's event files, in name order.
    public var files: [EventFileListing]

    public init(name: String, files: [EventFileListing]) {
        self.name = name
        self.files = files
    }
}

/// One event file as a listing found it.
public struct EventFileListing: Sendable, Equatable {
    /// Where the file is, as the source names it (an absolute path, or an `s3://` URL).
    public var path: String
    /// Its size in bytes when listed.
    public var size: Int64
    /// What identifies this version of its bytes, when the source has such a thing (an object's
    /// ETag); nil for local files.
    public var version: String?

    public init(path: String, size: Int64, version: String? = nil) {
        self.path = path
        self.size = size
        self.version = version
    }
}
