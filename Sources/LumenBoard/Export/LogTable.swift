import Foundation

/// Every point of a log directory as a long table, one row per logged point: the columns
/// `run, tag, step, wall_time, value` (the names tbparse uses) for scalars and text, and
/// `run, tag, step, wall_time, counts, limits` for histograms (one row per histogram, its
/// buckets as two lists, as tbparse's DataFrame holds them).
///
/// The table is read with the board's reader (a ``LogdirSource`` per directory of the spec,
/// ``RunStore``), one run at a time while the previous one is being consumed, so memory holds
/// at most two runs. Directories are local unless the table is given a source for them, such as
/// LumenS3's `S3LogdirSource` for `s3://` paths. Every point
/// the board keeps is in it, none sampled: values as logged (scalars 32-bit, as
/// `simple_value` is), wall times as 64-bit seconds. As on the board, a point at a step that was
/// already logged replaces the points from that step on (a run restarted from a checkpoint).
///
/// ### Example
/// ```swift
/// let table = try LogTable(logdir: "runs", tags: "^loss")
/// for row in try table.scalarRows() {
///     print(row.run, row.tag, row.step, row.value)
/// }
/// try LogTableWriter(format: .csv, kind: .scalars, output: TableOutput(path: "loss.csv")).write(table)
/// ```
public struct LogTable {
    /// Which values the table holds.
    public enum Kind: String, Sendable, CaseIterable {
        /// Scalars: `simple_value`, and TF2's scalar tensors.
        case scalars
        /// Histograms: `histo`, and TF2's k×3 histogram tensors.
        case histograms
        /// Text summaries, their strings joined by blank lines.
        case text
    }

    /// Where the runs are read from.
    public let spec: LogdirSpec
    /// Which values the table holds.
    public let kind: Kind
    /// The directories of `spec` as one source.
    private let source: SpecLogdirSource
    private let runPattern: Regex<AnyRegexOutput>?
    private let tagPattern: Regex<AnyRegexOutput>?

    /// The table of `kind` over every directory of `spec`, keeping the runs and tags in which
    /// `runs` and `tags` (regular expressions) find a match (anywhere in the name; anchor with
    /// `^…$` for whole names). Nil keeps all. Each directory is read through
    /// `source(path)`: local files unless told otherwise.
    /// - Throws: ``LogTableError/badPattern(option:pattern:reason:)`` for an invalid
    ///   expression, and what `source` throws for a path it cannot read from.
    public init(spec: LogdirSpec, kind: Kind = .scalars, runs: String? = nil, tags: String? = nil,
                source: (String) throws -> any LogdirSource = { LocalLogdirSource(root: $0) }) throws {
        self.spec = spec
        self.kind = kind
        runPattern = try runs.map { try Self.compile($0, option: "runs") }
        tagPattern = try tags.map { try Self.compile($0, option: "tags") }
        self.source = SpecLogdirSource(spec: spec, sources: try spec.entries.map { try source($0.path) })
    }

    /// The table of one log directory; see ``init(spec:kind:runs:tags:source:)``.
    public init(logdir: String, kind: Kind = .scalars, runs: String? = nil, tags: String? = nil,
                source: (String) throws -> any LogdirSource = { LocalLogdirSource(root: $0) }) throws {
        try self.init(spec: LogdirSpec(logdir: logdir), kind: kind, runs: runs, tags: tags, source: source)
    }

    /// The runs the table reads, sorted by name, with their event files and sizes.
    /// - Throws: ``LogTableError/unreadable(_:)`` when a directory of the spec does not exist
    ///   or cannot be listed, or two hold a run of the same name.
    public func runs() throws -> [LogdirRunListing] {
        let listed: [LogdirRunListing]
        do {
            listed = try source.listRuns()
        } catch let error as SpecListingError {
            throw LogTableError.unreadable(error.problems)
        }
        guard source.listingProblems.isEmpty else { throw LogTableError.unreadable(source.listingProblems) }
        return listed.filter { run in runPattern.map { run.name.contains($0) } ?? true }
    }

    /// Reads the runs in name order and calls `body` with each one's part of the table; the
    /// next run loads while `body` runs. `onBytesRead` is called (from a loading thread) with
    /// the event-file bytes read by each batch.
    /// - Throws: ``LogTableError/unreadable(_:)`` when an event file cannot be read (each line
    ///   names the file), after the runs before it were passed to `body`; what `body` throws.
    public func forEachRun(onBytesRead: @escaping @Sendable (Int64) -> Void = { _ in },
                           _ body: (RunTable) throws -> Void) throws {
        let runs = try runs()
        var next = runs.first.map { LoadingRun($0, from: source, onBytesRead: onBytesRead) }
        for index in runs.indices {
            let (store, errors) = next!.wait()
            guard errors.isEmpty else { throw LogTableError.unreadable(errors.map { "\($0)" }) }
            next = index + 1 < runs.count ? LoadingRun(runs[index + 1], from: source, onBytesRead: onBytesRead) : nil
            try body(store.read { RunTable(run: store.name, content: $0, kind: kind, keepsTag: keepsTag) })
        }
    }

    private func keepsTag(_ tag: String) -> Bool { tagPattern.map { tag.contains($0) } ?? true }

    private static func compile(_ pattern: String, option: String) throws -> Regex<AnyRegexOutput> {
        do {
            return try Regex(pattern)
        } catch {
            throw LogTableError.badPattern(option: option, pattern: pattern, reason: "\(error)")
        }
    }
}

/// One run, loading on a thread of its own until ``wait()``.
private final class LoadingRun: @unchecked Sendable {
    private let store: RunStore
    private var errors: [any Error] = []
    private let done = DispatchSemaphore(value: 0)

    init(_ run: LogdirRunListing, from source: any LogdirSource, onBytesRead: @escaping @Sendable (Int64) -> Void) {
        store = RunStore(name: run.name)
        DispatchQueue.global().async { [self] in
            errors = store.load(files: run.files, from: source, progress: onBytesRead).errors
            done.signal()
        }
    }

    /// The loaded run, and the errors that stopped the reading of its files.
    func wait() -> (RunStore, [any Error]) {
        done.wait()
        return (store, errors)
    }
}

/// Why a ``LogTable`` cannot be read.
public enum LogTableError: Error, Equatable, CustomStringConvertible {
    /// The `--runs` or `--tags` expression does not compile.
    case badPattern(option: String, pattern: String, reason: String)
    /// Directories of the spec, or event files, that cannot be read, one line each.
    case unreadable([String])

    public var description: String {
        switch self {
        case .badPattern(let option, let pattern, let reason):
            return "--\(option) \"\(pattern)\" is not a valid regular expression: \(reason)"
        case .unreadable(let problems):
            return problems.joined(separator: "\n")
        }
    }
}
