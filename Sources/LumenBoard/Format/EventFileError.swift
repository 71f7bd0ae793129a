/// Errors opening, writing or reading an event file; each names the path at fault.
public enum EventFileError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file could not be opened.
    case cannotOpen(path: String, reason: String)
    /// Reading the file at `offset` failed.
    case readFailed(path: String, offset: Int64, reason: String)
    /// The log directory could not be created or is not writable.
    case cannotCreateLogDir(path: String, reason: String)
    /// Writing to the file failed on the writer thread.
    case writeFailed(path: String, reason: String)
    /// The writer was closed before this write.
    case closed(path: String)
    /// A log directory to read does not exist (yet).
    case noSuchLogDir(path: String)

    public var description: String {
        switch self {
        case .cannotOpen(let path, let reason): return "cannot open event file \(path): \(reason)"
        case .readFailed(let path, let offset, let reason): return "reading event file \(path) at byte \(offset) failed: \(reason)"
        case .cannotCreateLogDir(let path, let reason): return "cannot use log directory \(path): \(reason)"
        case .writeFailed(let path, let reason): return "writing event file \(path) failed: \(reason)"
        case .closed(let path): return "event file \(path) is closed"
        case .noSuchLogDir(let path): return "log directory \(path) does not exist (yet)"
        }
    }
}
