import Foundation
import LumenBoard

/// Event files in S3-compatible storage, for ``SummaryWriter`` on a training node:
///
/// ```swift
/// let writer = try SummaryWriter(logDir: "s3://training-logs/exp1/run1", storage: try S3EventStorage())
/// ```
///
/// Objects cannot be appended to, so each event file is a series of objects: every write of the
/// writer — once its flush interval (`flushSecs`, 1 s by default) has passed with events
/// pending, and on `flush()` and `close()` — uploads the records gathered since the last one as
/// the next object, named `<event file name>.<part, 6 digits>`, so that name order is write
/// order and each object holds whole records. TensorBoard and Lumen read a run's event files
/// in name order, so they read the run in order. A clean `close()` uploads everything; a crash
/// loses at most the last flush interval. A write of at least `multipartThreshold` bytes
/// (16 MiB by default) goes up as a multipart upload in parts of `partSize` bytes, aborted if a
/// part fails. A failed upload (after the client's retries) is thrown by the next `flush()` or
/// `close()`.
public struct S3EventStorage: EventFileStorage {
    /// The client uploads go through.
    public let client: S3Client
    /// Bytes from which a write is a multipart upload.
    public let multipartThreshold: Int
    /// Bytes per part of a multipart upload.
    public let partSize: Int

    /// Storage reached through `client`.
    /// - Parameters:
    ///   - multipartThreshold: bytes from which a write is a multipart upload.
    ///   - partSize: bytes per part, at least ``S3Client/minimumPartSize``.
    public init(client: S3Client, multipartThreshold: Int = 16 << 20, partSize: Int = 8 << 20) {
        precondition(partSize >= S3Client.minimumPartSize, "S3 parts are at least 5 MiB")
        self.client = client
        self.multipartThreshold = multipartThreshold
        self.partSize = partSize
    }

    /// Storage reached with the endpoint and credentials ``S3Configuration/resolve(environment:)`` finds.
    /// - Throws: ``S3ConfigurationError``.
    public init(environment: [String: String] = ProcessInfo.processInfo.environment) throws {
        self.init(client: S3Client(configuration: try S3Configuration.resolve(environment: environment)))
    }

    public var writesOnlyOnFlush: Bool { true }

    public func directory(_ component: String, in logDir: String) -> String {
        (logDir.hasSuffix("/") ? logDir : logDir + "/") + component
    }

    public func createFile(named name: String, in logDir: String) throws -> any EventFileSink {
        let place: S3Location
        do {
            place = try S3Location(parsing: logDir)
        } catch {
            throw EventFileError.cannotCreateLogDir(path: logDir, reason: error.description)
        }
        let prefix = place.prefix.isEmpty || place.prefix.hasSuffix("/") ? place.prefix : place.prefix + "/"
        return S3EventFileSink(storage: self, bucket: place.bucket, key: prefix + name)
    }
}

/// One event file as numbered objects, one per write.
final class S3EventFileSink: EventFileSink {
    let path: String
    private let storage: S3EventStorage
    private let bucket: String
    private let key: String
    private var parts = 0

    init(storage: S3EventStorage, bucket: String, key: String) {
        self.storage = storage
        self.bucket = bucket
        self.key = key
        path = "s3://\(bucket)/\(key)"
    }

    /// The key of part `number`: the event file's key and the number in 6 digits.
    static func partKey(_ key: String, _ number: Int) -> String {
        key + "." + String(repeating: "0", count: max(0, 6 - String(number).count)) + String(number)
    }

    func write(_ bytes: [UInt8]) throws {
        guard !bytes.isEmpty else { return }
        let part = Self.partKey(key, parts + 1)
        do {
            if bytes.count >= storage.multipartThreshold {
                try storage.client.putObjectInParts(bucket: bucket, key: part, body: bytes, partSize: storage.partSize)
            } else {
                try storage.client.putObject(bucket: bucket, key: part, body: bytes)
            }
        } catch {
            throw EventFileError.writeFailed(path: "s3://\(bucket)/\(part)", reason: "\(error)")
        }
        parts += 1
    }

    func close() {}
}
