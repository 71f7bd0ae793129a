import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import Synchronization

/// A client for S3-compatible object storage: ListObjectsV2 with pagination, ranged GET, HEAD,
/// PUT and multipart upload, signed with Signature Version 4, over AsyncHTTPClient.
///
/// Calls block the calling thread until the answer arrives (the board's reader runs on threads
/// of its own); never call them on an event-loop thread. At most
/// ``S3Configuration/maxConcurrentRequests`` requests are in flight at once; a 5xx answer, a
/// timeout or a lost connection is tried again with exponential backoff, up to
/// ``S3Configuration/maxAttempts`` times. Every failure is an ``S3Error`` naming the bucket,
/// the key and the HTTP status with S3's error code and message.
///
/// ### Example
/// ```swift
/// let client = S3Client(configuration: try S3Configuration.resolve())
/// for object in try client.listObjects(bucket: "training-logs", prefix: "exp1/") {
///     let head = try client.getObject(bucket: "training-logs", key: object.key, range: 0..<16)
/// }
/// ```
public final class S3Client: Sendable {
    /// Where the storage is and how requests are signed.
    public let configuration: S3Configuration
    private let http: HTTPClient
    private let slots: DispatchSemaphore
    private let counts = Mutex(S3RequestCounts())
    /// The credentials requests are signed with now.
    private let signingCredentials: Mutex<AWSCredentials>

    /// Keys asked for per ListObjectsV2 page (S3's maximum).
    static let listPageSize = 1000

    public init(configuration: S3Configuration) {
        self.configuration = configuration
        let timeout = TimeAmount.milliseconds(Int64(configuration.requestTimeout * 1000))
        http = HTTPClient(
            eventLoopGroup: HTTPClient.defaultEventLoopGroup,
            configuration: HTTPClient.Configuration(timeout: .init(connect: .seconds(Int64(configuration.connectTimeout)), read: timeout))
        )
        slots = DispatchSemaphore(value: max(1, configuration.maxConcurrentRequests))
        signingCredentials = Mutex(configuration.credentials)
    }

    deinit { try? http.syncShutdown() }

    /// The requests sent so far, by kind, retries included.
    public var requestCounts: S3RequestCounts { counts.withLock { $0 } }

    /// Every object whose key starts with `prefix`, in key order, a page of up to 1,000 keys a
    /// request.
    /// - Throws: ``S3Error``.
    public func listObjects(bucket: String, prefix: String) throws -> [S3ObjectSummary] {
        var objects: [S3ObjectSummary] = []
        var token: String?
        repeat {
            var query = [("list-type", "2"), ("max-keys", String(Self.listPageSize)), ("prefix", prefix)]
            if let token { query.append(("continuation-token", token)) }
            let response = try send("LIST", .GET, bucket: bucket, key: "", errorKey: prefix, query: query)
            do {
                let page = try S3XML.listPage(response.body)
                objects += page.objects
                token = page.nextContinuationToken
            } catch {
                throw S3Error(operation: "LIST", bucket: bucket, key: prefix, reason: .malformedResponse(error.reason))
            }
        } while token != nil
        return objects
    }

    /// The bytes of `key`, or of `range` of them (fewer when the object ends sooner).
    /// - Parameter ifMatch: an ETag the object must still have; otherwise the request fails
    ///   with status 412.
    /// - Throws: ``S3Error``; status 416 when `range` starts at or past the object's end.
    public func getObject(bucket: String, key: String, range: Range<Int64>? = nil, ifMatch: String? = nil) throws -> [UInt8] {
        var headers: [(String, String)] = []
        if let range { headers.append(("Range", "bytes=\(range.lowerBound)-\(range.upperBound - 1)")) }
        if let ifMatch { headers.append(("If-Match", ifMatch)) }
        return try send("GET", .GET, bucket: bucket, key: key, headers: headers).body
    }

    /// The size and ETag of `key`.
    /// - Throws: ``S3Error`` (status 404 when there is no such object).
    public func headObject(bucket: String, key: String) throws -> S3ObjectSummary {
        let response = try send("HEAD", .HEAD, bucket: bucket, key: key)
        guard let size = response.headers.first(name: "Content-Length").flatMap({ Int64($0) }) else {
            throw S3Error(operation: "HEAD", bucket: bucket, key: key, reason: .malformedResponse("the answer has no Content-Length"))
        }
        return S3ObjectSummary(key: key, size: size, etag: response.headers.first(name: "ETag") ?? "")
    }

    /// Stores `body` as `key`, replacing any object there; returns its ETag.
    /// - Throws: ``S3Error``.
    @discardableResult
    public func putObject(bucket: String, key: String, body: [UInt8]) throws -> String {
        let response = try send("PUT", .PUT, bucket: bucket, key: key, headers: [("Content-Length", String(body.count))], body: body)
        return response.headers.first(name: "ETag") ?? ""
    }

    /// Deletes `key` (no error when there is no such object).
    /// - Throws: ``S3Error``.
    public func deleteObject(bucket: String, key: String) throws {
        _ = try send("DELETE", .DELETE, bucket: bucket, key: key)
    }

    /// Creates `bucket` in the configured region.
    /// - Throws: ``S3Error`` (status 409 when it exists).
    public func createBucket(_ bucket: String) throws {
        var body: [UInt8] = []
        if configuration.region != "us-east-1" {
            body = Array(("<CreateBucketConfiguration xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">"
                + "<LocationConstraint>\(configuration.region)</LocationConstraint></CreateBucketConfiguration>").utf8)
        }
        _ = try send("PUT", .PUT, bucket: bucket, key: "", headers: [("Content-Length", String(body.count))], body: body)
    }

    // MARK: - Sending

    struct Answer {
        var status: Int
        var headers: HTTPHeaders
        var body: [UInt8]
    }

    /// Sends a signed request, trying again after 5xx answers and transport failures; returns a
    /// 2xx answer or throws.
    func send(_ operation: String, _ method: HTTPMethod, bucket: String, key: String, errorKey: String? = nil,
              query: [(String, String)] = [], headers: [(String, String)] = [], body: [UInt8] = []) throws -> Answer {
        try exchange(operation, method, bucket: bucket, key: key, errorKey: errorKey, query: query, headers: headers, body: body) { request in
            slots.wait()
            defer { slots.signal() }
            let response = try http.execute(request: request, deadline: .now() + .seconds(Int64(configuration.requestTimeout))).wait()
            let answer = Answer(status: Int(response.status.code), headers: response.headers,
                                body: response.body.map { Array($0.readableBytesView) } ?? [])
            return (answer, answer)
        }
    }

    /// A GET of `key`'s bytes from `offset` to `end` (to the object's end when nil) whose body
    /// is read as it arrives, at most `highWater` bytes ahead of the reader. Returns once a 2xx
    /// answer's head is here; failures before that are tried again as `send`'s are.
    /// - Parameter ifMatch: an ETag the object must still have; otherwise it fails with status 412.
    /// - Throws: ``S3Error``; status 416 when `offset` is at or past the object's end.
    func streamObject(bucket: String, key: String, from offset: Int64, to end: Int64?, ifMatch: String?,
                      highWater: Int) throws -> S3ObjectStream {
        var headers = [("Range", "bytes=\(offset)-" + (end.map { String($0 - 1) } ?? ""))]
        if let ifMatch { headers.append(("If-Match", ifMatch)) }
        return try exchange("GET", .GET, bucket: bucket, key: key, headers: headers) { request in
            slots.wait()
            let stream = S3ObjectStream(highWater: highWater, onEnd: { [slots] in slots.signal() })
            stream.start(request, on: http)
            let head = try stream.waitForHead()
            let status = Int(head.status.code)
            let errorBody = (200..<300).contains(status) ? [] : stream.remainingBody()
            return (Answer(status: status, headers: head.headers, body: errorBody), stream)
        }
    }

    /// Signs and sends a request through `perform` (which returns the answer and what the
    /// caller wants of it), trying again after 5xx answers and transport failures with backoff;
    /// returns what `perform` gave for a 2xx answer, or throws ``S3Error``.
    private func exchange<Value>(_ operation: String, _ method: HTTPMethod, bucket: String, key: String, errorKey: String? = nil,
                                 query: [(String, String)] = [], headers: [(String, String)] = [], body: [UInt8] = [],
                                 perform: (HTTPClient.Request) throws -> (Answer, Value)) throws -> Value {
        let target = address(bucket: bucket, key: key)
        let queryText = query.map { "\(URIEncoding.encode($0.0))=\(URIEncoding.encode($0.1))" }.joined(separator: "&")
        let url = target.origin + URIEncoding.path(target.path) + (queryText.isEmpty ? "" : "?" + queryText)
        func failure(_ reason: S3Error.Reason) -> S3Error {
            S3Error(operation: operation, bucket: bucket, key: errorKey ?? key, reason: reason)
        }
        var attempt = 1
        while true {
            let credentials: AWSCredentials
            do {
                credentials = try currentCredentials()
            } catch {
                throw failure(.credentials(error.description))
            }
            count(operation)
            let outcome: Result<(Answer, Value), any Error> = Result {
                var request = try HTTPClient.Request(url: url, method: method)
                let unsigned = [("Host", target.host)] + headers
                let signable = SignableRequest(method: method.rawValue, path: target.path, query: queryText, headers: unsigned, body: body)
                let signer = SignatureV4(credentials: credentials, region: configuration.region)
                for (name, value) in unsigned + signer.signingHeaders(for: signable, at: Date()) { request.headers.add(name: name, value: value) }
                if !body.isEmpty { request.body = .bytes(body) }
                return try perform(request)
            }
            let retryable: Bool
            switch outcome {
            case .success(let (answer, value)) where (200..<300).contains(answer.status):
                return value
            case .success(let (answer, _)):
                retryable = answer.status >= 500
                if !retryable || attempt >= configuration.maxAttempts {
                    let (code, message) = S3XML.error(answer.body)
                    throw failure(.status(answer.status, code: code ?? Self.code(forStatus: answer.status), message: message))
                }
            case .failure(let error):
                if attempt >= configuration.maxAttempts {
                    throw failure(.unreachable(endpoint: target.origin, reason: "\(error)"))
                }
            }
            Thread.sleep(forTimeInterval: Self.backoff(afterAttempt: attempt))
            attempt += 1
        }
    }

    /// Seconds before temporary credentials expire when they are renewed.
    static let renewalMargin: Double = 300

    /// The credentials to sign with: renewed from the configuration's source once they are
    /// within `renewalMargin` seconds of expiring. While they are still valid, a failed
    /// renewal keeps them (the next request tries again).
    /// - Throws: ``AWSCredentialError`` when they expired and cannot be renewed.
    private func currentCredentials() throws(AWSCredentialError) -> AWSCredentials {
        try signingCredentials.withLock { (credentials: inout AWSCredentials) throws(AWSCredentialError) -> AWSCredentials in
            guard let source = configuration.credentialSource, let expiration = credentials.expiration,
                  expiration.timeIntervalSinceNow < Self.renewalMargin else { return credentials }
            do {
                credentials = try source.fetch()
            } catch {
                guard expiration.timeIntervalSinceNow > 0 else {
                    throw AWSCredentialError("the credentials from \(source.name) expired and cannot be renewed: \(error)")
                }
            }
            return credentials
        }
    }

    /// Seconds to wait after failed attempt `attempt`: 0.2 s doubling, at most 5 s, with jitter.
    static func backoff(afterAttempt attempt: Int) -> Double {
        min(5, 0.2 * pow(2, Double(attempt - 1))) * Double.random(in: 0.5...1)
    }

    /// What a bodiless error answer (HEAD's) means, in S3's words.
    private static func code(forStatus status: Int) -> String? {
        switch status {
        case 403: "AccessDenied"
        case 404: "NotFound"
        case 412: "PreconditionFailed"
        default: nil
        }
    }

    private func count(_ operation: String) {
        counts.withLock { counts in
            switch operation {
            case "LIST": counts.list += 1
            case "GET": counts.get += 1
            case "HEAD": counts.head += 1
            case "DELETE": counts.delete += 1
            default: counts.put += 1
            }
        }
    }

    /// The scheme, host and port to send to, the Host header, and the unencoded path, for the
    /// configured addressing style. Bucket names with dots go path-style (a dotted virtual host
    /// does not match the server's TLS certificate).
    private func address(bucket: String, key: String) -> (origin: String, host: String, path: String) {
        let endpoint = configuration.endpoint
        let scheme = endpoint.scheme?.lowercased() ?? "https"
        let defaultPort = scheme == "https" ? 443 : 80
        let port = endpoint.port.flatMap { $0 == defaultPort ? nil : ":\($0)" } ?? ""
        let base = endpoint.host ?? ""
        if configuration.addressing == .virtualHosted && !bucket.contains(".") {
            let host = "\(bucket).\(base)\(port)"
            return ("\(scheme)://\(host)", host, "/" + key)
        }
        let host = "\(base)\(port)"
        return ("\(scheme)://\(host)", host, "/\(bucket)" + (key.isEmpty ? "" : "/" + key))
    }
}
