import Foundation

/// What a child process writes to a pipe, read on a background thread, so a benchmark can wait
/// for a line with a deadline instead of blocking on a read that may never return.
final class PipeLines: @unchecked Sendable {
    private let condition = NSCondition()
    private var text = ""
    private var ended = false

    init(_ pipe: Pipe) {
        let handle = pipe.fileHandleForReading
        Thread.detachNewThread { [self] in
            while true {
                let chunk = handle.availableData
                condition.lock()
                if chunk.isEmpty { ended = true } else { text += String(decoding: chunk, as: UTF8.self) }
                condition.broadcast()
                condition.unlock()
                if chunk.isEmpty { return }
            }
        }
    }

    /// The first line containing `needle`, once written; nil when the output ends without one or
    /// `timeout` seconds pass first.
    func firstLine(containing needle: String, timeout: Double) -> Substring? {
        let deadline = Date(timeIntervalSinceNow: timeout)
        condition.lock()
        defer { condition.unlock() }
        while true {
            if let line = text.split(separator: "\n").first(where: { $0.contains(needle) }) { return line }
            if ended || !condition.wait(until: deadline) { return nil }
        }
    }

    /// Everything read so far.
    var output: String { condition.withLock { text } }
}
