import LumenBoard

/// A series a request addresses, and by which parameter, for messages that name it.
struct SeriesAddress {
    let run: String
    let tag: String
    /// The id the request gave, if it addressed the series by `series`.
    let id: String?

    /// The parameter to name when the series is not found.
    var parameter: String { id == nil ? "tag" : "series" }

    /// The series' id, whichever way the request addressed it.
    var seriesID: String { id ?? SeriesID.of(run: run, tag: tag) }

    /// How messages name the series: `run "R" tag "T"`, after its id when the request gave one.
    var description: String {
        let name = "run \(APIError.quoted(run)) tag \(APIError.quoted(tag))"
        return id.map { "series \"\($0)\" (\(name))" } ?? name
    }
}

extension BoardAPI {
    /// The series a request addresses: by `series`, an id from `/api/runs` (which fits in a URL
    /// whatever the tag's length), or by `run` and `tag`.
    func seriesAddress(_ q: QueryParameters) throws -> SeriesAddress {
        guard let id = q.optionalString("series") else {
            for name in ["run", "tag"] where q.optionalString(name) == nil {
                throw APIError.badRequest("missing query parameter \"\(name)\" (or \"series\", the series' id)", parameter: name)
            }
            return SeriesAddress(run: try q.string("run"), tag: try q.string("tag"), id: nil)
        }
        guard SeriesID.isWellFormed(id) else {
            throw APIError.badRequest("query parameter \"series\" must be a series id (32 hexadecimal digits), got \(APIError.quoted(id))", parameter: "series")
        }
        return try address(ofID: id)
    }

    /// The run and tag of the series `id` (well-formed) stands for; 404 when no loaded series has it.
    func address(ofID id: String) throws -> SeriesAddress {
        guard let found = seriesIndex.series(withID: id, in: store) else {
            throw APIError.notFound("no series has the id \"\(id)\" (the 128-bit FNV-1a hash of a listed run's name, a zero byte and one of its tags; see docs/API.md)", parameter: "series")
        }
        return SeriesAddress(run: found.run, tag: found.tag, id: id)
    }

    /// The comma-separated ids of `series` in a request that names several (a run group, a
    /// batch): a 400 beyond `limit` of them, saying they do not fit in one `unit`.
    func seriesIDs(_ q: QueryParameters, atMost limit: Int, in unit: String) throws -> [String] {
        let ids = try q.string("series").split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        guard ids.count <= limit else {
            throw APIError.badRequest("query parameter \"series\" names \(ids.count) series; at most \(limit) fit in one \(unit)", parameter: "series")
        }
        return ids
    }

    /// A 400 unless `id`, one of a list of ids, has the form of an id.
    func requireWellFormed(listedID id: String) throws {
        guard SeriesID.isWellFormed(id) else {
            throw APIError.badRequest("query parameter \"series\" must be series ids separated by commas, got \(APIError.quoted(id))", parameter: "series")
        }
    }

    func runStore(_ run: String) throws -> RunStore {
        guard let store = store.run(named: run) else { throw APIError.notFound("no run \(APIError.quoted(run))", parameter: "run") }
        return store
    }

    /// Runs `body` on the addressed series among the run's series of one kind (`\.scalars`,
    /// `\.histograms`, …, called `kindName` in messages) under the run's lock; 404 when the run or
    /// tag is unknown.
    func withSeries<S, R>(_ address: SeriesAddress, _ kind: KeyPath<RunStore.Content, [String: S]>, _ kindName: String,
                          _ body: (S) throws -> R) throws -> R {
        let result: Result<R, any Error> = try runStore(address.run).read { content in
            guard let series = content[keyPath: kind][address.tag] else {
                return .failure(APIError.notFound("\(address.description): no \(kindName) logged", parameter: address.parameter))
            }
            return Result { try body(series) }
        }
        return try result.get()
    }
}
