import Foundation
import LumenBoard

/// Reloads a log directory every `interval` seconds on a thread of its own, so that a long
/// load never occupies the threads that answer requests. A pass that finds little to read in a
/// large log directory still lists and checks every file: after the first load, the wait after
/// each pass is at least ``idleCostFactor`` times the pass's own time, so that reloading costs
/// at most 5 % of a core.
final class ReloadLoop: @unchecked Sendable {
    static let idleCostFactor = 19.0

    private let store: LogdirStore
    private let interval: Double
    private let afterFirstLoad: @Sendable () -> Void
    private let condition = NSCondition()
    private var stopped = false

    /// A loop over `store` that calls `afterFirstLoad` on its thread once the first load has
    /// ended, before it waits for the next pass.
    init(store: LogdirStore, interval: Double, afterFirstLoad: @escaping @Sendable () -> Void = {}) {
        self.store = store
        self.interval = interval
        self.afterFirstLoad = afterFirstLoad
    }

    func start() {
        let thread = Thread { [self] in
            while !isStopped {
                let firstLoad = !store.status.loaded
                let started = ContinuousClock.now
                store.reload()
                let pass = (ContinuousClock.now - started) / .seconds(1)
                if firstLoad && store.status.loaded { afterFirstLoad() }
                let wait = firstLoad ? interval : max(interval, Self.idleCostFactor * pass)
                condition.lock()
                if !stopped { _ = condition.wait(until: Date(timeIntervalSinceNow: wait)) }
                condition.unlock()
            }
        }
        thread.name = "lumen logdir reload"
        thread.start()
    }

    /// Ends the loop after the pass under way, if any.
    func stop() {
        condition.lock()
        stopped = true
        condition.signal()
        condition.unlock()
    }

    private var isStopped: Bool {
        condition.lock()
        defer { condition.unlock() }
        return stopped
    }
}
