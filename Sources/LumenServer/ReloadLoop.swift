import Foundation
import LumenBoard

/// Reloads a log directory every `interval` seconds on a thread of its own, so that a long
/// load never occupies the threads that answer requests.
final class ReloadLoop: @unchecked Sendable {
    private let store: LogdirStore
    private let interval: Double
    private let condition = NSCondition()
    private var stopped = false

    init(store: LogdirStore, interval: Double) {
        self.store = store
        self.interval = interval
    }

    func start() {
        let thread = Thread { [self] in
            while !isStopped {
                store.reload()
                condition.lock()
                if !stopped { _ = condition.wait(until: Date(timeIntervalSinceNow: interval)) }
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
