import Hummingbird
import LumenBoard

extension BoardAPI {
    /// One entry of `GET /api/runs`.
    struct RunEntry: Encodable {
        struct Tags: Encodable {
            let scalars: [String]
            let histograms: [String]
            let images: [String]
            let texts: [String]
            let prCurves: [String]
        }

        /// A hyper-parameter's value as its JSON type.
        struct HParam: Encodable {
            let value: HParamValue

            func encode(to encoder: any Encoder) throws {
                var container = encoder.singleValueContainer()
                switch value {
                case .number(let number): try container.encode(Nullable(finite: number))
                case .string(let text): try container.encode(text)
                case .bool(let flag): try container.encode(flag)
                }
            }
        }

        let name: String
        let lastWallTime: Nullable<Double>
        let tags: Tags
        /// Each listed tag's ``SeriesID``, by tag.
        let ids: [String: String]
        let graphs: Int
        /// Whether the run logged a custom-scalars layout.
        let customScalars: Bool
        /// The session's hyper-parameters, when the run is an hparams session.
        let hparams: [String: HParam]?
        /// How many embeddings the run's projector config names.
        let embeddings: Int
    }

    /// `GET /api/runs`: every run with its tags by kind, the id of each of its series, how
    /// many graphs it logged, whether it logged a custom-scalars layout, and its
    /// hyper-parameters when it is an hparams session, and how many embeddings it logged for
    /// the projector.
    func runs() throws -> Response {
        let embeddings = Dictionary(grouping: projector.entries(in: store), by: \.run).mapValues(\.count)
        let entries = store.runNames.compactMap { store.run(named: $0) }.map { run in
            // Only the tag lists are taken under the run's lock; ids are computed after.
            let (lastWallTime, tags, graphs, layout, session) = run.read { content in
                func listed<S>(_ series: [String: S], _ count: (S) -> Int) -> [String] {
                    series.filter { count($0.value) > 0 }.keys.sorted()
                }
                return (content.lastWallTime,
                        RunEntry.Tags(scalars: listed(content.scalars, \.count), histograms: listed(content.histograms, \.count),
                                      images: listed(content.images, \.count), texts: listed(content.texts, \.count),
                                      prCurves: listed(content.prCurves, \.count)),
                        content.graphs.count, content.customScalarLayout != nil, content.hparams.sessionStart)
            }
            let hparams = session.map { start in
                start.hparams.compactMapValues { HParamValue($0).map(RunEntry.HParam.init) }
            }
            let all = tags.scalars + tags.histograms + tags.images + tags.texts + tags.prCurves
            let ids = Dictionary(all.map { ($0, SeriesID.of(run: run.name, tag: $0)) }, uniquingKeysWith: { first, _ in first })
            return RunEntry(name: run.name, lastWallTime: Nullable(finite: lastWallTime), tags: tags, ids: ids, graphs: graphs,
                            customScalars: layout, hparams: hparams, embeddings: embeddings[run.name] ?? 0)
        }
        return try JSONBody(entries).response()
    }
}
