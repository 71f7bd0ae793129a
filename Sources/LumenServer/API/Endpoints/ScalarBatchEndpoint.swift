import Hummingbird
import LumenBoard

extension BoardAPI {
    /// The most series one batch request may name (their ids fill about 33 KB of the URL).
    static let maximumBatchSeries = 1_000

    /// `GET /api/scalars/batch`: several scalar series in one answer, `{"series": [...]}`, each
    /// entry what `/api/scalars` answers for that id with the same parameters, in the order of
    /// the comma-separated ids in `series`. An id that names no scalar series gets
    /// `{"error": …, "status": 404}` in its place: the other series are still answered.
    ///
    /// `known`, a version per id (comma-separated, empty where the client has none), names the
    /// answers the client already holds for these parameters: a series still at that version
    /// gets `{"unchanged": true, "version": …}` instead of its points. So the series of a batch
    /// revalidate one by one, as separate requests would with their `ETag`s.
    ///
    /// A browser spends several milliseconds of processor time on every request whatever its
    /// size, so a chart asks for all its runs at once. The answer's `ETag` stands for every
    /// series' version and the query: a `304` when none of them changed.
    func scalarBatch(_ request: Request) throws -> Response {
        let q = QueryParameters(request.uri.query)
        let ids = try seriesIDs(q, atMost: Self.maximumBatchSeries, in: "request")
        for id in ids { try requireWellFormed(listedID: id) }
        let known = q.optionalString("known").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        if let known, known.count != ids.count {
            throw APIError.badRequest("query parameter \"known\" holds \(known.count) versions for \(ids.count) series", parameter: "known")
        }
        let query = try ScalarQuery(q)
        let addresses = ids.map { id in Result { try address(ofID: id) } }

        // A client holding an answer: the versions read first decide the 304. The answer's own
        // tag is made from the versions it was written from.
        let held = request.headers[values: .ifNoneMatch]
        if !held.isEmpty {
            let before = addresses.map { address in (try? address.get()).flatMap { try? withSeries($0, \.scalars, "scalars") { $0.version } } }
            if let matched = batchTag(request, before).matched(byIfNoneMatch: held) {
                return .notModified(etag: matched, cacheControl: "no-cache")
            }
        }
        var versions: [UInt64?] = []
        var j = JSONText()
        j.raw("{"); j.key("series"); j.raw("[")
        for index in ids.indices {
            if index > 0 { j.raw(",") }
            do {
                let address = try addresses[index].get()
                versions.append(try withSeries(address, \.scalars, "scalars") { series in
                    let version = answerVersion(series)
                    if known?[index] == version {
                        j.raw("{"); j.key("unchanged"); j.raw("true"); j.raw(","); j.key("version"); j.string(version); j.raw("}")
                    } else {
                        query.write(series, of: address, version: version, to: &j)
                    }
                    return series.version
                })
            } catch let error as APIError {
                versions.append(nil)
                j.raw("{"); j.key("error"); j.string(error.message)
                j.raw(","); j.key("status"); j.number(Int(error.status.code)); j.raw("}")
            }
        }
        j.raw("]}")
        return Revalidated.changed(JSONBody(j), batchTag(request, versions)).response { $0.response() }
    }

    /// The tag of a batch answer: this board process, the query, and each series' version
    /// (nil for an id that named no series).
    private func batchTag(_ request: Request, _ versions: [UInt64?]) -> EntityTag {
        EntityTag(hashing: [instance, request.uri.query ?? ""] + versions.map { $0.map(String.init) ?? "-" })
    }
}
