import Foundation
import LumenBoard

/// One value worked out from the whole store (such as the HParams table's answer), kept while
/// the store holds the same data: until a reload pass reads more (the bytes it has consumed grow)
/// or ends having found a change (the generation grows). A request that finds it missing or out
/// of date works it out, and requests for the same state meanwhile wait for that one rather
/// than each working it out again; the newest kept wins. A value that also depends on something
/// outside the store names it as the `context` it was made in: a new context makes it afresh.
final class LoadStateCache<Value: Sendable>: @unchecked Sendable {
    private struct Key: Equatable {
        let generation: UInt64
        let loadedBytes: Int64
        let context: AnyHashable
    }

    /// Guards `kept` and `making`, and wakes the requests waiting for a value being made.
    private let condition = NSCondition()
    private var kept: (key: Key, value: Value)?
    /// The state whose value is being made, if any.
    private var making: Key?
    /// Requests waiting for that value.
    private var waiting = 0

    /// How many requests are waiting for a value being made (for tests).
    var waitingRequests: Int {
        condition.lock()
        defer { condition.unlock() }
        return waiting
    }

    /// The value for what `store` holds now, made by `make` unless kept or being made.
    func value(for store: LogdirStore, context: AnyHashable = 0, make: () throws -> Value) rethrows -> Value {
        let key = Self.key(of: store, context: context)
        condition.lock()
        while true {
            if let kept, kept.key == key {
                condition.unlock()
                return kept.value
            }
            guard making == key else { break }
            waiting += 1
            condition.wait()
            waiting -= 1
        }
        making = key
        condition.unlock()
        var made: Value?
        defer {
            condition.lock()
            // Kept only if the store did not change while it was made.
            if let made, Self.key(of: store, context: context) == key { kept = (key, made) }
            if making == key { making = nil }
            condition.broadcast()
            condition.unlock()
        }
        made = try make()
        return made!
    }

    private static func key(of store: LogdirStore, context: AnyHashable) -> Key {
        let status = store.status
        return Key(generation: status.generation, loadedBytes: status.loadedBytes, context: context)
    }
}
