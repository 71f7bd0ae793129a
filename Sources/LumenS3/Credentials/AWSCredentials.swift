import Foundation

/// The keys a request to S3-compatible storage is signed with.
public struct AWSCredentials: Sendable, Equatable {
    public var accessKeyID: String
    public var secretAccessKey: String
    /// The token of temporary credentials, sent as `X-Amz-Security-Token`.
    public var sessionToken: String?
    /// When temporary credentials stop working; nil for long-term keys.
    public var expiration: Date?

    public init(accessKeyID: String, secretAccessKey: String, sessionToken: String? = nil, expiration: Date? = nil) {
        self.accessKeyID = accessKeyID
        self.secretAccessKey = secretAccessKey
        self.sessionToken = sessionToken
        self.expiration = expiration
    }

    /// Reads the JSON that credential processes, container endpoints and EC2 instance metadata
    /// answer with: `AccessKeyId`, `SecretAccessKey`, `SessionToken` or `Token`, and an ISO 8601
    /// `Expiration`.
    /// - Throws: ``AWSCredentialError`` naming `origin` and the field at fault.
    init(json: Data, from origin: String) throws {
        guard let object = try? JSONSerialization.jsonObject(with: json) as? [String: Any] else {
            throw AWSCredentialError("\(origin) answered with something other than a JSON object")
        }
        func text(_ name: String) -> String? { (object[name] as? String).flatMap { $0.isEmpty ? nil : $0 } }
        guard let id = text("AccessKeyId") else { throw AWSCredentialError("\(origin) gave no AccessKeyId") }
        guard let secret = text("SecretAccessKey") else { throw AWSCredentialError("\(origin) gave no SecretAccessKey") }
        var expiration: Date?
        if let stamp = text("Expiration") {
            let formatter = ISO8601DateFormatter()
            formatter.formatOptions = [.withInternetDateTime]
            let fractional = ISO8601DateFormatter()
            fractional.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
            let milliseconds = Self.millisecondPrecision(stamp)
            guard let date = formatter.date(from: stamp) ?? fractional.date(from: milliseconds) else {
                throw AWSCredentialError("\(origin) gave an Expiration \"\(stamp)\" that is not an ISO 8601 time")
            }
            expiration = date
        }
        self.init(accessKeyID: id, secretAccessKey: secret, sessionToken: text("SessionToken") ?? text("Token"), expiration: expiration)
    }

    /// An ISO 8601 time with at most three fractional digits (some servers send six; the
    /// formatter reads three).
    static func millisecondPrecision(_ stamp: String) -> String {
        guard let dot = stamp.firstIndex(of: ".") else { return stamp }
        let fraction = stamp[stamp.index(after: dot)...].prefix { $0.isASCII && $0.isNumber }
        guard fraction.count > 3 else { return stamp }
        return String(stamp[...dot]) + fraction.prefix(3) + stamp[fraction.endIndex...]
    }
}

/// Credentials that could not be obtained from a source that was set up to give them.
public struct AWSCredentialError: Error, Sendable, CustomStringConvertible {
    /// Which source failed and why.
    public let description: String

    init(_ description: String) { self.description = description }
}
