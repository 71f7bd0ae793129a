import Foundation

/// All runs of a log directory (or of every directory of a ``LogdirSpec``), loaded and kept up
/// to date by ``reload()``: new runs, new files and records appended since the last pass; a
/// partial last record is picked up on the next pass. Runs load in parallel.
///
/// ### Example
/// ```swift
/// let store = LogdirStore(root: "runs")
/// store.reload()
/// let loss = store.run(named: ".")?.read { $0.scalars["loss"]?.count }
/// ```
public final class LogdirStore: @unchecked Sendable {
    /// The log directory, or the `--logdir-spec` text when there are several.
    public let root: String
    /// Where the runs are read from.
    public let spec: LogdirSpec

    /// Loading progress and totals.
    public struct Status: Sendable {
        /// True once the first full pass has finished.
        public var loaded = false
        public var runs = 0
        public var files = 0
        /// Bytes of event files seen, and bytes consumed so far.
        public var totalBytes: Int64 = 0
        public var loadedBytes: Int64 = 0
        /// Why the log directory cannot be read, if it cannot.
        public var problem: String?
        /// A number that grows whenever a pass finds new runs, files or records, so that a
        /// client can tell whether anything changed since it last looked.
        public var generation: UInt64 = 0
    }

    private let lock = NSLock()
    private var runs: [String: RunStore] = [:]
    private var currentStatus = Status()
    private let reloading = NSLock()

    public convenience init(root: String) { self.init(spec: LogdirSpec(logdir: root)) }

    /// A store over every log directory of `spec`, runs named as ``LogdirSpec/listing()`` names them.
    public init(spec: LogdirSpec) {
        self.spec = spec
        root = spec.description
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
        let listing = spec.listing()
        let found = listing.runs
        if found.isEmpty && !listing.problems.isEmpty {
            lock.withLock {
                currentStatus.problem = listing.problems.joined(separator: "; ")
                currentStatus.loaded = true
            }
            return
        }
        var before: (runs: Int, files: Int, loaded: Int64, total: Int64) = (0, 0, 0, 0)
        let total = found.reduce(Int64(0)) { sum, run in
            sum + run.eventFiles.reduce(Int64(0)) { $0 + Self.size(of: $1) }
        }
        let stores: [RunStore] = lock.withLock {
            before = (currentStatus.runs, currentStatus.files, currentStatus.loadedBytes, currentStatus.totalBytes)
            currentStatus.problem = listing.problems.isEmpty ? nil : listing.problems.joined(separator: "; ")
            currentStatus.totalBytes = total
            currentStatus.files = found.reduce(0) { $0 + $1.eventFiles.count }
            for run in found where runs[run.name] == nil { runs[run.name] = RunStore(name: run.name) }
            currentStatus.runs = runs.count
            return found.map { runs[$0.name]! }
        }
        let files = found.map(\.eventFiles)
        DispatchQueue.concurrentPerform(iterations: stores.count) { i in
            stores[i].load(files: files[i]) { consumed in lock.withLock { currentStatus.loadedBytes += consumed } }
        }
        lock.withLock {
            currentStatus.loadedBytes = min(currentStatus.loadedBytes, currentStatus.totalBytes)
            currentStatus.loaded = true
            let after = (currentStatus.runs, currentStatus.files, currentStatus.loadedBytes, currentStatus.totalBytes)
            if after != before { currentStatus.generation += 1 }
        }
    }

    private static func size(of path: String) -> Int64 {
        var info = stat()
        return stat(path, &info) == 0 ? Int64(info.st_size) : 0
    }
}
