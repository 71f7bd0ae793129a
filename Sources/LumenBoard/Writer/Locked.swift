import Foundation

/// A value guarded by a pthread mutex, which a running thread takes as soon as it is free.
///
/// `Synchronization.Mutex` is not used on the logging path: on Linux it is a
/// priority-inheritance futex, whose unlock hands the lock to a sleeping waiter; until the
/// scheduler runs that thread, no running thread may take the lock. With more threads logging
/// than cores, nearly every event then waits for a context switch (a lock convoy).
final class Locked<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Value

    init(_ value: Value) { self.value = value }

    /// Runs `body` on the value with the lock held.
    func withLock<Result>(_ body: (inout Value) throws -> Result) rethrows -> Result {
        lock.lock()
        defer { lock.unlock() }
        return try body(&value)
    }
}
