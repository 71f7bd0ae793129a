import LumenBoard
import Synchronization

/// Finds the run and tag a ``SeriesID`` stands for among the series the store has loaded.
///
/// The index is rebuilt from the store when an id is not in it and the store has loaded
/// something since the last rebuild (new bytes, files or runs), so a new tag is found as soon as
/// `/api/runs` lists it, and unknown ids cost a lookup, not a walk over every tag.
final class SeriesIndex: Sendable {
    /// A run and one of its tags.
    struct Series: Sendable, Equatable {
        let run: String
        let tag: String
    }

    /// What the store had loaded when the index was built.
    private struct Loaded: Equatable {
        let runs: Int
        let files: Int
        let totalBytes: Int64
        let loadedBytes: Int64

        init(_ status: LogdirStore.Status) {
            (runs, files, totalBytes, loadedBytes) = (status.runs, status.files, status.totalBytes, status.loadedBytes)
        }
    }

    private let state = Mutex<(series: [String: Series], builtFrom: Loaded?)>(([:], nil))

    /// The series `id` stands for, or nil when no loaded series has that id.
    func series(withID id: String, in store: LogdirStore) -> Series? {
        if let known = state.withLock({ $0.series[id] }) { return known }
        // Read before walking the runs: anything loaded during the walk makes the next miss
        // walk them again.
        let loaded = Loaded(store.status)
        guard state.withLock({ $0.builtFrom != loaded }) else { return nil }
        var series: [String: Series] = [:]
        for name in store.runNames {
            guard let run = store.run(named: name) else { continue }
            let tags = run.read { content in
                Set(content.scalars.keys).union(content.histograms.keys).union(content.images.keys).union(content.texts.keys)
                    .union(content.prCurves.keys)
            }
            for tag in tags { series[SeriesID.of(run: name, tag: tag)] = Series(run: name, tag: tag) }
        }
        state.withLock { $0 = (series, loaded) }
        return series[id]
    }
}
