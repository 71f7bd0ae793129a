import Synchronization

/// The log directories of a ``LogdirSpec`` as one source: each entry listed by its own source
/// (local files unless told otherwise, such as LumenS3's `S3LogdirSource` for `s3://` paths),
/// its runs named as ``LogdirSpec/listing()`` names them, and each file read through the source
/// that listed it.
///
/// An entry that cannot be listed is a problem (``listingProblems``) while the others load;
/// when none can be, listing throws.
public final class SpecLogdirSource: LogdirSource {
    private let spec: LogdirSpec
    private let sources: [any LogdirSource]
    /// The source of every file the latest listing found, and the problems it met.
    private let latest = Mutex<(owners: [String: Int], problems: [String])>(([:], []))

    /// A source over `spec`, reading entry i through `sources[i]`.
    public init(spec: LogdirSpec, sources: [any LogdirSource]) {
        precondition(sources.count == spec.entries.count, "one source per entry of the spec")
        self.spec = spec
        self.sources = sources
    }

    public var location: String { spec.description }

    public var listingProblems: [String] { latest.withLock { $0.problems } }

    public func listRuns() throws -> [LogdirRunListing] {
        var runs: [LogdirRunListing] = []
        var owners: [String: Int] = [:]
        var problems: [String] = []
        var origin: [String: String] = [:]
        for (index, (entry, source)) in zip(spec.entries, sources).enumerated() {
            let found: [LogdirRunListing]
            do {
                found = try source.listRuns()
            } catch {
                problems.append("\(error)")
                continue
            }
            for run in found {
                let name = LogdirSpec.runName(run.name, in: entry)
                if let first = origin[name] {
                    problems.append("run \(name) is in both \(first) and \(entry.path); showing the first")
                    continue
                }
                origin[name] = entry.path
                for file in run.files { owners[file.path] = index }
                runs.append(LogdirRunListing(name: name, files: run.files))
            }
        }
        latest.withLock { $0 = (owners, problems) }
        if runs.isEmpty, !problems.isEmpty, problems.count == spec.entries.count {
            throw SpecListingError(problems: problems)
        }
        return runs.sorted { $0.name < $1.name }
    }

    public func open(_ path: String) throws -> any EventFileBytes {
        guard let index = latest.withLock({ $0.owners[path] }) else { throw SpecListingError(problems: ["\(path) is in none of \(location)"]) }
        return try sources[index].open(path)
    }
}

/// Why no directory of a `--logdir-spec` could be listed (or a file is in none of them).
public struct SpecListingError: Error, CustomStringConvertible {
    /// One line per directory.
    public let problems: [String]
    public var description: String { problems.joined(separator: "; ") }
}
