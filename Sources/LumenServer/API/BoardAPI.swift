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

    public init(store: LogdirStore, reloadInterval: Double) {
        self.store = store
        self.reloadInterval = reloadInterval
        ui = StaticFiles.bundled
    }
}
