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

/// The bytes of one object, read with ranged GETs within the size and at the ETag the latest
/// listing gave it. While the reader works on one range, the next range of the same length (up
/// to the listed size) is already being fetched, so parsing and transfer overlap.
final class S3ObjectBytes: EventFileBytes {
    private let source: S3LogdirSource
    private let key: String
    /// The range being fetched ahead, and its bytes once they arrive.
    private var ahead: (range: Range<Int64>, fetch: FetchAhead)?

    init(source: S3LogdirSource, key: String) {
        self.source = source
        self.key = key
    }

    /// Reads within the listed size; an object the listing no longer holds is read as it is
    /// now. An object replaced since it was listed (412) reads as ending here: the next
    /// listing shows its new size and ETag, and the next load reads on from here.
    /// - Throws: ``S3Error`` naming the bucket, key and status (404 when it was deleted).
    func read(at offset: Int64, into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        var end = offset + Int64(buffer.count)
        let listed = source.listing(of: key)
        if let listed {
            guard offset < listed.size else { return 0 }
            end = min(end, listed.size)
        }
        let etag = listed.flatMap { $0.etag.isEmpty ? nil : $0.etag }
        let range = offset..<end
        let bytes: [UInt8]
        if let pending = ahead, pending.range == range {
            bytes = try pending.fetch.wait()
        } else {
            bytes = try Self.fetch(range, of: key, in: source, etag: etag, listed: listed != nil)
        }
        ahead = nil
        if let listed, bytes.count == range.count, end < listed.size {
            let next = end..<min(end + Int64(buffer.count), listed.size)
            let (key, source) = (key, source)
            ahead = (next, FetchAhead { try Self.fetch(next, of: key, in: source, etag: etag, listed: true) })
        }
        let count = min(bytes.count, buffer.count)
        guard count > 0 else { return 0 }
        bytes.withUnsafeBytes { buffer.baseAddress!.copyMemory(from: $0.baseAddress!, byteCount: count) }
        return count
    }

    /// The bytes of `range`; none when the object changed since it was listed (412) or, when it
    /// is not listed, when `range` starts past its end (416).
    private static func fetch(_ range: Range<Int64>, of key: String, in source: S3LogdirSource, etag: String?, listed: Bool) throws -> [UInt8] {
        do {
            return try source.client.getObject(bucket: source.place.bucket, key: key, range: range, ifMatch: etag)
        } catch let error as S3Error where error.status == 412 || (!listed && error.status == 416) {
            return []
        }
    }
}

/// A fetch running on a thread of its own until its bytes are asked for.
private final class FetchAhead: @unchecked Sendable {
    private var result: Result<[UInt8], any Error> = .success([])
    private let done = DispatchSemaphore(value: 0)

    init(_ fetch: @escaping @Sendable () throws -> [UInt8]) {
        Thread.detachNewThread { [self] in
            result = Result { try fetch() }
            done.signal()
        }
    }

    /// The fetched bytes, once they are here.
    /// - Throws: what the fetch threw.
    func wait() throws -> [UInt8] {
        done.wait()
        return try result.get()
    }
}
