import LumenBoard
import Synchronization

/// One value worked out from the whole store (such as the HParams table's answer), kept while
/// the store holds the same data: until a reload pass reads more (the bytes it has consumed grow)
/// or ends having found a change (the generation grows). Requests that find it missing or out
/// of date each work it out; the newest kept wins.
final class LoadStateCache<Value: Sendable>: Sendable {
    private struct Key: Equatable {
        let generation: UInt64
        let loadedBytes: Int64
    }

    private let kept = Mutex<(key: Key, value: Value)?>(nil)

    /// The value for what `store` holds now, made by `make` unless kept.
    func value(for store: LogdirStore, make: () throws -> Value) rethrows -> Value {
        let before = Self.key(of: store)
        if let kept = kept.withLock({ $0 }), kept.key == before { return kept.value }
        let value = try make()
        // Kept only if the store did not change while it was made.
        if Self.key(of: store) == before { kept.withLock { $0 = (before, value) } }
        return value
    }

    private static func key(of store: LogdirStore) -> Key {
        let status = store.status
        return Key(generation: status.generation, loadedBytes: status.loadedBytes)
    }
}
