import Foundation
import LumenBoard

/// The board's JSON API over a ``LogdirStore`` (documented in `docs/API.md`), served by the
/// routes of ``router()``. Runs and tags are looked up in what the store has loaded, never used
/// as file paths, so no request can reach outside the log directory.
public struct BoardAPI: Sendable {
    public let store: LogdirStore
    public let reloadInterval: Double
    let ui: StaticFiles
    let graphCache = GraphCache()
    let seriesIndex = SeriesIndex()
    let renderedTexts = RenderedTextCache(render: MarkdownRenderer.html)
    let projector = ProjectorCatalog()
    /// `/api/hparams`'s answer, worked out once per state of the store: the dashboard, the run
    /// table and every open page ask for it.
    let hparamsAnswers = LoadStateCache<PreparedAnswer>()
    /// The same answer with its numbers in binary (`?numbers=binary`), the one the page asks for.
    let hparamsBinaryAnswers = LoadStateCache<PreparedAnswer>()
    /// `/api/runs`'s default answer, worked out once per state of the store and the projector's
    /// embeddings: every open page asks for it whenever the log directory changes.
    let runsAnswers = LoadStateCache<PreparedAnswer>()
    /// Tells this board process's entity tags from another's: series versions start afresh
    /// with each process, so a tag from before a restart must not match.
    let instance = String(UInt64.random(in: .min ... .max), radix: 36)

    public init(store: LogdirStore, reloadInterval: Double) {
        self.store = store
        self.reloadInterval = reloadInterval
        ui = StaticFiles.bundled
    }
}
