import Crypto
import Foundation

/// Signs requests with AWS Signature Version 4 in the `Authorization` header, as S3 and the
/// stores that speak its API (MinIO, Ceph, Cloudflare R2, GCS's S3 API) check them. Tested
/// against AWS's published test suite (`Scripts/make_sigv4_fixtures.py`).
public struct SignatureV4: Sendable {
    public let credentials: AWSCredentials
    public let region: String
    public let service: String
    /// Whether `.` and `..` segments and repeated slashes are resolved before signing: true for
    /// most AWS services, false for S3, whose object keys may hold any of them.
    public let normalizesPath: Bool
    /// Whether the body's SHA-256 is sent (and signed) as `X-Amz-Content-SHA256`, which S3
    /// requires.
    public let sendsPayloadHash: Bool

    public init(credentials: AWSCredentials, region: String, service: String = "s3", normalizesPath: Bool = false, sendsPayloadHash: Bool = true) {
        self.credentials = credentials
        self.region = region
        self.service = service
        self.normalizesPath = normalizesPath
        self.sendsPayloadHash = sendsPayloadHash
    }

    /// The headers that sign `request` at `date`, to send with it: `X-Amz-Date`,
    /// `X-Amz-Content-SHA256` (when sent), `X-Amz-Security-Token` (with temporary credentials)
    /// and `Authorization`.
    public func signingHeaders(for request: SignableRequest, at date: Date) -> [(name: String, value: String)] {
        let time = SigningTime(date)
        var added: [(name: String, value: String)] = [("X-Amz-Date", time.timestamp)]
        if sendsPayloadHash { added.append(("X-Amz-Content-SHA256", Self.hexSHA256(request.body))) }
        if let token = credentials.sessionToken { added.append(("X-Amz-Security-Token", token)) }
        var signed = request
        signed.headers += added
        let canonical = canonicalRequest(signed)
        let toSign = stringToSign(canonicalRequest: canonical.text, at: time)
        let authorization = "AWS4-HMAC-SHA256 Credential=\(credentials.accessKeyID)/\(scope(time)), "
            + "SignedHeaders=\(canonical.signedHeaders), Signature=\(signature(of: toSign, at: time))"
        added.append(("Authorization", authorization))
        return added
    }

    /// The canonical request of `request` (whose headers include everything to sign) and the
    /// list of signed header names.
    func canonicalRequest(_ request: SignableRequest) -> (text: String, signedHeaders: String) {
        var values: [String: [String]] = [:]
        for (name, value) in request.headers {
            values[name.lowercased(), default: []].append(Self.trimmed(value))
        }
        let names = values.keys.sorted()
        let headers = names.map { "\($0):\(values[$0]!.joined(separator: ","))\n" }.joined()
        let signedHeaders = names.joined(separator: ";")
        let path = URIEncoding.path(normalizesPath ? Self.normalized(request.path) : request.path)
        let text = [request.method, path, Self.canonicalQuery(request.query), headers, signedHeaders, Self.hexSHA256(request.body)]
            .joined(separator: "\n")
        return (text, signedHeaders)
    }

    func stringToSign(canonicalRequest: String, at time: SigningTime) -> String {
        ["AWS4-HMAC-SHA256", time.timestamp, scope(time), Self.hexSHA256(Array(canonicalRequest.utf8))].joined(separator: "\n")
    }

    func signature(of stringToSign: String, at time: SigningTime) -> String {
        var key = SymmetricKey(data: Array("AWS4\(credentials.secretAccessKey)".utf8))
        for part in [time.day, region, service, "aws4_request"] {
            key = SymmetricKey(data: Data(HMAC<SHA256>.authenticationCode(for: Array(part.utf8), using: key)))
        }
        return Self.hex(HMAC<SHA256>.authenticationCode(for: Array(stringToSign.utf8), using: key))
    }

    private func scope(_ time: SigningTime) -> String { "\(time.day)/\(region)/\(service)/aws4_request" }

    /// The query's parameters, each name and value decoded then encoded strictly, sorted.
    static func canonicalQuery(_ query: String) -> String {
        query.split(separator: "&", omittingEmptySubsequences: true).map { pair -> (String, String) in
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = URIEncoding.encode(URIEncoding.decode(parts[0]), keepingSlashes: false)
            let value = parts.count > 1 ? URIEncoding.encode(URIEncoding.decode(parts[1]), keepingSlashes: false) : ""
            return (name, value)
        }
        .sorted { $0.0 != $1.0 ? $0.0 < $1.0 : $0.1 < $1.1 }
        .map { "\($0.0)=\($0.1)" }
        .joined(separator: "&")
    }

    /// `path` with `.` and `..` segments resolved and empty segments dropped; a trailing slash
    /// stays.
    static func normalized(_ path: String) -> String {
        var segments: [Substring] = []
        for segment in path.split(separator: "/", omittingEmptySubsequences: true) {
            switch segment {
            case ".": continue
            case "..": _ = segments.popLast()
            default: segments.append(segment)
            }
        }
        let joined = "/" + segments.joined(separator: "/")
        return path.hasSuffix("/") && !segments.isEmpty ? joined + "/" : joined
    }

    /// A header value without leading and trailing space, each run of spaces, tabs and line
    /// breaks inside as one space.
    static func trimmed(_ value: String) -> String {
        value.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }).joined(separator: " ")
    }

    static func hexSHA256(_ bytes: [UInt8]) -> String { hex(SHA256.hash(data: bytes)) }

    private static func hex<D: Sequence>(_ digest: D) -> String where D.Element == UInt8 {
        digest.map { String(format: "%02x", $0) }.joined()
    }
}

/// A signing time in the two forms Signature Version 4 uses, in UTC.
struct SigningTime {
    /// `20150830T123600Z`
    let timestamp: String
    /// `20150830`
    let day: String

    init(_ date: Date) {
        var seconds = time_t(date.timeIntervalSince1970.rounded(.down))
        var parts = tm()
        gmtime_r(&seconds, &parts)
        day = String(format: "%04d%02d%02d", Int(parts.tm_year) + 1900, Int(parts.tm_mon) + 1, Int(parts.tm_mday))
        timestamp = day + String(format: "T%02d%02d%02dZ", Int(parts.tm_hour), Int(parts.tm_min), Int(parts.tm_sec))
    }
}
