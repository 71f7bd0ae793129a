import Hummingbird

extension BoardAPI {
    /// One entry of `GET /api/runs`.
    struct RunEntry: Encodable {
        struct Tags: Encodable {
            let scalars: [String]
            let histograms: [String]
            let images: [String]
            let texts: [String]
        }

        let name: String
        let lastWallTime: Nullable<Double>
        let tags: Tags
        /// Each listed tag's ``SeriesID``, by tag.
        let ids: [String: String]
        let graphs: Int
    }

    /// `GET /api/runs`: every run with its tags by kind, the id of each of its series, and how
    /// many graphs it logged.
    func runs() throws -> Response {
        let entries = store.runNames.compactMap { store.run(named: $0) }.map { run in
            // Only the tag lists are taken under the run's lock; ids are computed after.
            let (lastWallTime, tags, graphs) = run.read { content in
                func listed<S>(_ series: [String: S], _ count: (S) -> Int) -> [String] {
                    series.filter { count($0.value) > 0 }.keys.sorted()
                }
                return (content.lastWallTime,
                        RunEntry.Tags(scalars: listed(content.scalars, \.count), histograms: listed(content.histograms, \.count),
                                      images: listed(content.images, \.count), texts: listed(content.texts, \.count)),
                        content.graphs.count)
            }
            let all = tags.scalars + tags.histograms + tags.images + tags.texts
            let ids = Dictionary(all.map { ($0, SeriesID.of(run: run.name, tag: $0)) }, uniquingKeysWith: { first, _ in first })
            return RunEntry(name: run.name, lastWallTime: Nullable(finite: lastWallTime), tags: tags, ids: ids, graphs: graphs)
        }
        return try JSONBody(entries).response()
    }
}
