import Foundation

/// Stopping the processes a benchmark starts, so a benchmark never hangs on one.
enum ChildProcess {
    /// Waits up to `timeout` seconds for `process` to exit; past that, sends SIGTERM, and SIGKILL
    /// when it is still running `grace` seconds later. Returns whether it exited on its own.
    ///
    /// `exited` must be signalled by the process's `terminationHandler` (set before `run()`).
    static func wait(for process: Process, exited: DispatchSemaphore, timeout: Double, grace: Double = 5) -> Bool {
        if exited.wait(timeout: .now() + timeout) == .success { return true }
        stop(process, exited: exited, grace: grace)
        return false
    }

    /// Sends SIGTERM to `process`, then SIGKILL if it has not exited `grace` seconds later, and
    /// waits for it to end.
    static func stop(_ process: Process, exited: DispatchSemaphore, grace: Double = 5) {
        guard process.isRunning else { return }
        process.terminate()
        if exited.wait(timeout: .now() + grace) == .timedOut {
            kill(process.processIdentifier, SIGKILL)
            exited.wait()
        }
    }
}

/// Everything a pipe delivers, read on a background thread so that a child filling the pipe
/// never blocks waiting for its reader.
final class PipeDrain: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    private var data = Data()

    init(_ pipe: Pipe) {
        let handle = pipe.fileHandleForReading
        Thread.detachNewThread { [self] in
            data = handle.readDataToEndOfFile()
            done.signal()
        }
    }

    /// What was read, once the pipe closed; nil when it is still open `timeout` seconds later
    /// (a grandchild still holding it).
    func result(timeout: Double) -> Data? {
        done.wait(timeout: .now() + timeout) == .success ? data : nil
    }
}
