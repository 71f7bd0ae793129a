import Foundation

/// All runs of a log directory (or of every directory of a ``LogdirSpec``), loaded and kept up
/// to date by ``reload()``: new runs, new files and records appended since the last pass; a
/// partial last record is picked up on the next pass. Runs load in parallel. The directory is a
/// ``LogdirSource``: local files, or objects in S3-compatible storage (LumenS3's
/// `S3LogdirSource`).
///
/// ### Example
/// ```swift
/// let store = LogdirStore(root: "runs")
/// store.reload()
/// let loss = store.run(named: ".")?.read { $0.scalars["loss"]?.count }
/// ```
public final class LogdirStore: @unchecked Sendable {
    /// Where the log directory's files are.
    public let source: any LogdirSource

    /// The log directory, as its source names it.
    public var root: String { source.location }

    /// Loading progress and totals.
    public struct Status: Sendable {
        /// True once the first full pass has finished.
        public var loaded = false
        public var runs = 0
        public var files = 0
        /// Bytes of event files seen, and bytes consumed so far.
        public var totalBytes: Int64 = 0
        public var loadedBytes: Int64 = 0
        /// Why the log directory, or some of its files, could not be read on the last pass, if
        /// so (each file's error names it; the rest of the directory loads regardless).
        public var problem: String?
        /// A number that grows whenever a pass finds new runs, files or records, so that a
        /// client can tell whether anything changed since it last looked.
        public var generation: UInt64 = 0
    }

    private let lock = NSLock()
    private var runs: [String: RunStore] = [:]
    private var currentStatus = Status()
    private let reloading = NSLock()

    /// The store of the local log directory `root`.
    public convenience init(root: String) { self.init(source: LocalLogdirSource(root: root)) }

    /// The store of the log directory `source` lists.
    public init(source: any LogdirSource) { self.source = source }

    /// A store over every local log directory of `spec`, runs named as ``LogdirSpec/listing()``
    /// names them.
    public convenience init(spec: LogdirSpec) {
        self.init(spec: spec, sources: spec.entries.map { LocalLogdirSource(root: $0.path) })
    }

    /// A store over every log directory of `spec`, each directory's source made by
    /// `source(path)` (such as an `S3LogdirSource` for an `s3://` path).
    /// - Throws: what `source` throws for a path it cannot read from.
    public convenience init(spec: LogdirSpec, source: (String) throws -> any LogdirSource) throws {
        self.init(spec: spec, sources: try spec.entries.map { try source($0.path) })
    }

    private convenience init(spec: LogdirSpec, sources: [any LogdirSource]) {
        if spec.entries.count == 1, spec.entries[0].name == nil {
            self.init(source: sources[0])
        } else {
            self.init(source: SpecLogdirSource(spec: spec, sources: sources))
        }
    }

    /// Names of the runs found so far, sorted.
    public var runNames: [String] { lock.withLock { runs.keys.sorted() } }

    /// The run called `name`, if it exists.
    public func run(named name: String) -> RunStore? { lock.withLock { runs[name] } }

    /// The current loading status.
    public var status: Status { lock.withLock { currentStatus } }

    /// One loading pass over the whole log directory. Concurrent calls wait for each other.
    public func reload() {
        reloading.lock()
        defer { reloading.unlock() }
        let found: [LogdirRunListing]
        do {
            found = try source.listRuns()
        } catch {
            lock.withLock {
                currentStatus.problem = "\(error)"
                currentStatus.loaded = true
            }
            return
        }
        var before: (runs: Int, files: Int, loaded: Int64, total: Int64) = (0, 0, 0, 0)
        let total = found.reduce(Int64(0)) { sum, run in sum + run.files.reduce(Int64(0)) { $0 + $1.size } }
        let stores: [RunStore] = lock.withLock {
            before = (currentStatus.runs, currentStatus.files, currentStatus.loadedBytes, currentStatus.totalBytes)
            currentStatus.totalBytes = total
            currentStatus.files = found.reduce(0) { $0 + $1.files.count }
            for run in found where runs[run.name] == nil { runs[run.name] = RunStore(name: run.name) }
            currentStatus.runs = runs.count
            return found.map { runs[$0.name]! }
        }
        let files = found.map(\.files)
        var errors = [[any Error]](repeating: [], count: stores.count)
        errors.withUnsafeMutableBufferPointer { errors in
            nonisolated(unsafe) let errors = errors
            LoaderThreads.concurrentPerform(iterations: stores.count) { i in
                errors[i] = stores[i].load(files: files[i], from: source) { consumed in
                    lock.withLock { currentStatus.loadedBytes += consumed }
                }.errors
            }
        }
        let problems = source.listingProblems + errors.joined().map { "\($0)" }
        lock.withLock {
            currentStatus.problem = problems.isEmpty ? nil : problems.joined(separator: "; ")
            currentStatus.loadedBytes = min(currentStatus.loadedBytes, currentStatus.totalBytes)
            let after = (currentStatus.runs, currentStatus.files, currentStatus.loadedBytes, currentStatus.totalBytes)
            // The end of the first load is a change, even of a log directory with nothing in it.
            if after != before || !currentStatus.loaded { currentStatus.generation += 1 }
            currentStatus.loaded = true
        }
    }

}
