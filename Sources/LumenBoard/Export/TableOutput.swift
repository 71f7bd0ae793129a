import Foundation

/// Where a ``LogTableWriter`` sends its bytes: a file it creates (or truncates), or standard
/// output. Bytes are buffered and written a megabyte at a time.
public final class TableOutput {
    /// The file's path, or "-" for standard output.
    public let path: String
    private let descriptor: Int32
    private let ownsDescriptor: Bool
    private var buffer: [UInt8] = []
    private static let flushAt = 1 << 20

    /// Bytes handed to the operating system so far.
    public private(set) var bytesWritten: Int64 = 0

    /// Creates or truncates the file at `path`; "-" is standard output.
    /// - Throws: ``TableOutputError/cannotOpen(path:reason:)`` naming the path and the
    ///   system's reason.
    public init(path: String) throws {
        self.path = path
        if path == "-" {
            descriptor = STDOUT_FILENO
            ownsDescriptor = false
        } else {
            descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
            guard descriptor >= 0 else { throw TableOutputError.cannotOpen(path: path, reason: String(cString: strerror(errno))) }
            ownsDescriptor = true
        }
        buffer.reserveCapacity(Self.flushAt + 4096)
    }

    /// Standard output.
    public static func standardOutput() -> TableOutput {
        // "-" opens nothing, so it cannot fail.
        try! TableOutput(path: "-")
    }

    deinit {
        if ownsDescriptor { close(descriptor) }
    }

    /// Adds the bytes `body` appends, writing the buffer out once it holds a megabyte.
    func append(_ body: (inout [UInt8]) -> Void) throws {
        body(&buffer)
        if buffer.count >= Self.flushAt { try flush() }
    }

    /// Writes out whatever is buffered.
    /// - Throws: ``TableOutputError/writeFailed(path:reason:)`` (a full disk, a closed pipe).
    public func flush() throws {
        var done = 0
        try buffer.withUnsafeBytes { raw in
            while done < raw.count {
                let n = write(descriptor, raw.baseAddress! + done, raw.count - done)
                if n < 0 {
                    if errno == EINTR { continue }
                    throw TableOutputError.writeFailed(path: path, reason: String(cString: strerror(errno)))
                }
                done += n
            }
        }
        bytesWritten += Int64(done)
        buffer.removeAll(keepingCapacity: true)
    }
}

/// Why a table cannot be written.
public enum TableOutputError: Error, Equatable, CustomStringConvertible {
    case cannotOpen(path: String, reason: String)
    case writeFailed(path: String, reason: String)

    public var description: String {
        switch self {
        case .cannotOpen(let path, let reason): return "cannot write \(path): \(reason)"
        case .writeFailed(let path, let reason): return "writing \(path == "-" ? "standard output" : path) failed: \(reason)"
        }
    }
}
