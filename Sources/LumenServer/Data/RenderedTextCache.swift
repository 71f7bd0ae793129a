import Synchronization

/// Text summaries rendered to HTML, kept so that repeated `/api/texts` requests do not render
/// the same Markdown again.
///
/// An entry is one text: its series, step and place in the series. It keeps the source it
/// was rendered from, and is used only while the series still holds that same text there, so a
/// restarted run that logs a new text at the same step is rendered afresh. (The source shares its
/// storage with the text the run holds, so keeping it costs no copy.) At most ``capacity``
/// entries and ``byteCapacity`` bytes of HTML are kept; the least recently used go first.
final class RenderedTextCache: Sendable {
    /// Where a text is: its series (a ``SeriesID``, short whatever the tag's length), step, and
    /// index in the series.
    struct Key: Hashable, Sendable {
        let series: String
        let step: Int64
        let index: Int
    }

    private struct Entry {
        let source: String
        let html: String
        var lastUse: UInt64
    }

    private struct State {
        var entries: [Key: Entry] = [:]
        var htmlBytes = 0
        var clock: UInt64 = 0
        var renders = 0
    }

    let capacity: Int
    let byteCapacity: Int
    private let render: @Sendable (String) -> String
    private let state = Mutex(State())

    /// - Parameter render: turns a text's Markdown into HTML; called outside any lock.
    init(capacity: Int = 4_096, byteCapacity: Int = 32 << 20, render: @escaping @Sendable (String) -> String) {
        self.capacity = max(1, capacity)
        self.byteCapacity = byteCapacity
        self.render = render
    }

    /// How many texts have been rendered (not found in the cache) so far.
    var renderCount: Int { state.withLock { $0.renders } }

    /// The HTML of `text`, found at `key`: the kept rendering when it was made from this same
    /// text, else rendered now and kept.
    func html(for text: String, at key: Key) -> String {
        let kept: String? = state.withLock { state in
            guard let entry = state.entries[key], entry.source == text else { return nil }
            state.clock += 1
            state.entries[key]!.lastUse = state.clock
            return entry.html
        }
        if let kept { return kept }
        let html = render(text)
        state.withLock { state in
            state.renders += 1
            state.clock += 1
            if let replaced = state.entries.updateValue(Entry(source: text, html: html, lastUse: state.clock), forKey: key) {
                state.htmlBytes -= replaced.html.utf8.count
            }
            state.htmlBytes += html.utf8.count
            evict(&state)
        }
        return html
    }

    /// Drops the least recently used entries, down to three quarters of the limits so that
    /// eviction (a sort) happens once per many insertions.
    private func evict(_ state: inout State) {
        guard state.entries.count > capacity || state.htmlBytes > byteCapacity else { return }
        let oldestFirst = state.entries.sorted { $0.value.lastUse < $1.value.lastUse }
        for (key, entry) in oldestFirst {
            guard state.entries.count > capacity * 3 / 4 || state.htmlBytes > byteCapacity * 3 / 4 else { break }
            state.entries[key] = nil
            state.htmlBytes -= entry.html.utf8.count
        }
    }
}
