import Foundation
import LumenBoard
import Synchronization

/// A log directory in S3-compatible storage, `s3://bucket/prefix`, as a ``LogdirSource`` for
/// LumenBoard's reader: the runs are found with ListObjectsV2 (one request per 1,000 keys),
/// and each event file's bytes are read with ranged GETs of what the listing shows is new.
///
/// Every object under the prefix whose name contains `tfevents` is an event file; its run is
/// its "directory" relative to the prefix ("." for the prefix itself). Reads see each object as
/// the latest listing found it — its size bounds them, and its ETag must still match
/// (`If-Match`) — so a reload of an unchanged log directory costs its LIST requests and no GET,
/// and a grown object costs the GETs of its appended bytes only.
///
/// ### Example
/// ```swift
/// let source = try S3LogdirSource(url: "s3://training-logs/exp1")
/// let store = LogdirStore(source: source)
/// store.reload()
/// ```
public final class S3LogdirSource: LogdirSource {
    /// The bucket and prefix.
    public let place: S3Location
    /// The client requests go through.
    public let client: S3Client
    /// Each event file's key, size and ETag as the latest listing found them.
    private let listed = Mutex<[String: S3ObjectSummary]>([:])

    /// The log directory `place`, read through `client`.
    public init(place: S3Location, client: S3Client) {
        self.place = place
        self.client = client
    }

    /// The log directory `url` (`s3://bucket/prefix`), with the endpoint and credentials
    /// ``S3Configuration/resolve(environment:)`` finds. Sends no request.
    /// - Throws: ``S3LocationError`` for a malformed URL, ``S3ConfigurationError`` when no
    ///   credentials are found or the endpoint is not understood.
    public convenience init(url: String, environment: [String: String] = ProcessInfo.processInfo.environment) throws {
        let place = try S3Location(parsing: url)
        self.init(place: place, client: S3Client(configuration: try S3Configuration.resolve(environment: environment)))
    }

    public var location: String { place.description }

    public func listRuns() throws -> [LogdirRunListing] {
        let prefix = place.prefix.isEmpty || place.prefix.hasSuffix("/") ? place.prefix : place.prefix + "/"
        let objects = try client.listObjects(bucket: place.bucket, prefix: prefix)
        var filesByRun: [String: [EventFileListing]] = [:]
        var found: [String: S3ObjectSummary] = [:]
        for object in objects {
            let relative = object.key.dropFirst(prefix.count)
            let slash = relative.lastIndex(of: "/")
            let name = slash.map { relative[relative.index(after: $0)...] } ?? relative
            guard name.contains("tfevents") else { continue }
            let run = slash.map { String(relative[..<$0]) } ?? "."
            found[object.key] = object
            filesByRun[run, default: []].append(EventFileListing(path: url(of: object.key), size: object.size, version: object.etag))
        }
        listed.withLock { $0 = found }
        return filesByRun.map { LogdirRunListing(name: $0.key, files: $0.value.sorted { $0.path < $1.path }) }
            .sorted { $0.name < $1.name }
    }

    public func open(_ path: String) throws -> any EventFileBytes {
        let head = "s3://\(place.bucket)/"
        guard path.hasPrefix(head) else {
            throw S3LocationError(url: path, reason: "it is not an object of \(place)")
        }
        return S3ObjectBytes(source: self, key: String(path.dropFirst(head.count)))
    }

    /// The object `key` as the latest listing found it.
    func listing(of key: String) -> S3ObjectSummary? { listed.withLock { $0[key] } }

    private func url(of key: String) -> String { "s3://\(place.bucket)/\(key)" }
}

/// The bytes of one object, read within the size and at the ETag the latest listing gave it,
/// through one streamed GET from the first offset read to the listed size: the body is handed
/// to the reader as it arrives, while the next bytes are already on their way, so parsing and
/// transfer overlap. A read at another offset, or after a listing that changed the object's size
/// or ETag, starts a new GET from there. A read of less than `sequentialRead` bytes (a
/// single record fetched on demand) asks for those bytes only.
final class S3ObjectBytes: EventFileBytes {
    private let source: S3LogdirSource
    private let key: String
    /// The GET being read, the offset of its next byte, and the end and ETag it was asked for.
    private var current: (stream: S3ObjectStream, offset: Int64, end: Int64?, etag: String?)?

    /// Bytes a stream receives ahead of the reader before the server is made to wait.
    static let readAhead = 32 << 20
    /// The smallest read taken for a pass through the object, streamed to the listed size.
    static let sequentialRead = 1 << 20

    init(source: S3LogdirSource, key: String) {
        self.source = source
        self.key = key
    }

    deinit { current?.stream.cancel() }

    /// Reads within the listed size; an object the listing no longer holds is read as it is
    /// now. An object replaced since it was listed (412) reads as ending here: the next
    /// listing shows its new size and ETag, and the next load reads on from here. A GET cut off
    /// mid-body is sent again from where it stopped, up to the configuration's `maxAttempts` times.
    /// - Throws: ``S3Error`` naming the bucket, key and status (404 when it was deleted).
    func read(at offset: Int64, into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        let listed = source.listing(of: key)
        if let listed, offset >= listed.size { return 0 }
        let end = buffer.count >= Self.sequentialRead ? listed?.size : min(listed?.size ?? .max, offset + Int64(buffer.count))
        let etag = listed.flatMap { $0.etag.isEmpty ? nil : $0.etag }
        var attempt = 1
        while true {
            if let current, current.offset != offset || current.end != end || current.etag != etag {
                current.stream.cancel()
                self.current = nil
            }
            if current == nil {
                do {
                    let stream = try source.client.streamObject(bucket: source.place.bucket, key: key, from: offset, to: end,
                                                                ifMatch: etag, highWater: Self.readAhead)
                    current = (stream, offset, end, etag)
                } catch let error as S3Error where error.status == 412 || (listed == nil && error.status == 416) {
                    return 0
                }
            }
            do {
                let count = try current!.stream.read(into: buffer)
                current!.offset += Int64(count)
                if count == 0 { current = nil }
                return count
            } catch {
                current = nil
                let maxAttempts = source.client.configuration.maxAttempts
                guard attempt < maxAttempts else {
                    let origin = source.client.configuration.endpoint.absoluteString
                    throw S3Error(operation: "GET", bucket: source.place.bucket, key: key,
                                  reason: .unreachable(endpoint: origin, reason: "the answer was cut off at byte \(offset): \(error)"))
                }
                Thread.sleep(forTimeInterval: S3Client.backoff(afterAttempt: attempt))
                attempt += 1
            }
        }
    }
}
