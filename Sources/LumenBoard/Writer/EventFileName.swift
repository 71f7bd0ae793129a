import Foundation
import Synchronization

/// Names event files as TensorFlow and PyTorch do:
/// `events.out.tfevents.<10-digit unix seconds>.<hostname>.<pid>.<per-process counter><suffix>`.
public enum EventFileName {
    private static let counter = Atomic<Int>(0)

    /// A new, process-unique file name for a file created at `time`.
    public static func make(time: Date = Date(), suffix: String = "") -> String {
        let n = counter.wrappingAdd(1, ordering: .relaxed).oldValue
        let seconds = Int(time.timeIntervalSince1970)
        let padded = String(repeating: "0", count: max(0, 10 - String(seconds).count)) + String(seconds)
        return "events.out.tfevents.\(padded).\(hostName).\(getpid()).\(n)\(suffix)"
    }

    /// This machine's host name, as `socket.gethostname()` gives it.
    public static var hostName: String {
        var buffer = [CChar](repeating: 0, count: 256)
        guard gethostname(&buffer, buffer.count) == 0 else { return "localhost" }
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
