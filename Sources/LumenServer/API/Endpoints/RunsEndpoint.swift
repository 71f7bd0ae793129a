import Hummingbird
import LumenBoard

extension BoardAPI {
    /// `GET /api/runs`: every run with its tags by kind (a series' id is worked out from its run
    /// and tag: ``SeriesID``, which 10,000 runs' listing no longer spends half its bytes on), how
    /// many graphs it logged, whether it logged a custom-scalars layout and whether it is an
    /// hparams session. With `hparams=1`, each session's hyper-parameters too: left out by
    /// default, since thousands of sessions' values would make the listing every page polls
    /// megabytes long (`/api/hparams` has them all, in columns). `embeddings` counts the
    /// embeddings the run's projector config names.
    ///
    /// Written as JSON text directly: a general encoder took about 2 s for 10,000 runs, which
    /// every page waits for before it shows anything. The default listing is kept, gzipped too,
    /// while the store and the projector's embeddings stay the same (``runsAnswer()``): every
    /// open page asks for it on each change.
    func runs(_ request: Request) throws -> Response {
        let q = QueryParameters(request.uri.query)
        switch q.optionalString("hparams") {
        case nil, "0": return runsAnswer().response(to: request)
        case "1": return JSONBody(runsJSON(withHParams: true, embeddings: embeddingCounts())).response()
        case let other?: throw APIError.badRequest("query parameter \"hparams\" must be 0 or 1, got \(APIError.quoted(other))", parameter: "hparams")
        }
    }

    /// `/api/runs`'s default answer for what the store and the projector's configs hold now.
    func runsAnswer() -> PreparedAnswer {
        let embeddings = embeddingCounts()
        return runsAnswers.value(for: store, context: embeddings) {
            PreparedAnswer(runsJSON(withHParams: false, embeddings: embeddings))
        }
    }

    /// How many embeddings each run's projector config names, by run.
    private func embeddingCounts() -> [String: Int] {
        Dictionary(grouping: projector.entries(in: store), by: \.run).mapValues(\.count)
    }

    /// The listing, with each session's hyper-parameters when `withHParams`.
    private func runsJSON(withHParams: Bool, embeddings: [String: Int]) -> JSONText {
        var j = JSONText()
        j.array(store.runNames.compactMap { store.run(named: $0) }) { j, run in
            // Only what is listed is taken under the run's lock.
            let (lastWallTime, tags, graphs, layout, session) = run.read { content in
                func listed<S>(_ series: [String: S], _ count: (S) -> Int) -> [String] {
                    series.filter { count($0.value) > 0 }.keys.sorted()
                }
                let tags = [("scalars", listed(content.scalars, \.count)), ("histograms", listed(content.histograms, \.count)),
                            ("images", listed(content.images, \.count)), ("texts", listed(content.texts, \.count)),
                            ("prCurves", listed(content.prCurves, \.count))]
                return (content.lastWallTime, tags, content.graphs.count, content.customScalarLayout != nil, content.hparams.sessionStart)
            }
            j.raw("{"); j.key("name"); j.string(run.name)
            j.raw(","); j.key("lastWallTime"); j.number(lastWallTime)
            j.raw(","); j.key("tags"); j.raw("{")
            for (k, (kind, names)) in tags.enumerated() {
                if k > 0 { j.raw(",") }
                j.key(kind); j.stringArray(names)
            }
            j.raw("}")
            j.raw(","); j.key("graphs"); j.number(graphs)
            j.raw(","); j.key("customScalars"); j.raw(layout ? "true" : "false")
            j.raw(","); j.key("session"); j.raw(session != nil ? "true" : "false")
            j.raw(","); j.key("embeddings"); j.number(embeddings[run.name] ?? 0)
            if withHParams, let start = session {
                j.raw(","); j.key("hparams"); j.raw("{")
                var first = true
                for (name, value) in start.hparams.sorted(by: { $0.key < $1.key }) {
                    guard let value = HParamValue(value) else { continue }
                    if !first { j.raw(",") }
                    first = false
                    j.key(name); j.hparamValue(value)
                }
                j.raw("}")
            }
            j.raw("}")
        }
        return j
    }
}
