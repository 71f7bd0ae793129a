import Foundation

/// The bytes of one event file, read by offset: how ``RecordReader`` reads, whatever the file's
/// ``LogdirSource``.
public protocol EventFileBytes: AnyObject {
    /// Reads up to `buffer.count` bytes at `offset` into `buffer`, returning how many were read:
    /// 0 at the end of what the file holds now.
    /// - Throws: an error naming the file when the bytes cannot be read.
    func read(at offset: Int64, into buffer: UnsafeMutableRawBufferPointer) throws -> Int
}

/// A local file's bytes, read with `pread` on a descriptor held until the reader goes away.
public final class LocalFileBytes: EventFileBytes {
    /// The file.
    public let path: String
    private let descriptor: Int32

    /// Opens `path` for reading.
    /// - Throws: ``EventFileError/cannotOpen(path:reason:)`` naming the path and the system's reason.
    public init(path: String) throws {
        self.path = path
        descriptor = open(path, O_RDONLY | O_CLOEXEC)
        if descriptor < 0 { throw EventFileError.cannotOpen(path: path, reason: String(cString: strerror(errno))) }
    }

    deinit { close(descriptor) }

    public func read(at offset: Int64, into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        let count = pread(descriptor, buffer.baseAddress!, buffer.count, off_t(offset))
        if count < 0 { throw EventFileError.readFailed(path: path, offset: offset, reason: String(cString: strerror(errno))) }
        return count
    }
}
