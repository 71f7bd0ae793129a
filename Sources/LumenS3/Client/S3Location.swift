/// A bucket and a key prefix in S3-compatible storage, as an `s3://bucket/prefix` URL names them.
///
/// ### Example
/// ```swift
/// let runs = try S3Location(parsing: "s3://training-logs/exp1")
/// // runs.bucket == "training-logs", runs.prefix == "exp1"
/// ```
public struct S3Location: Sendable, Equatable, CustomStringConvertible {
    /// The bucket.
    public let bucket: String
    /// The key prefix, without a leading "/"; empty for the whole bucket.
    public let prefix: String

    /// True when `text` is meant as an S3 location (it starts with `s3://`), well formed or not.
    public static func isS3URL(_ text: String) -> Bool { text.lowercased().hasPrefix("s3://") }

    /// Parses `s3://bucket` or `s3://bucket/prefix`.
    /// - Throws: ``S3LocationError`` naming the URL and what is wrong with it.
    public init(parsing url: String) throws(S3LocationError) {
        guard Self.isS3URL(url) else { throw S3LocationError(url: url, reason: "it does not start with s3://") }
        let rest = url.dropFirst(5)
        let bucket = rest.prefix { $0 != "/" }
        guard !bucket.isEmpty else { throw S3LocationError(url: url, reason: "it names no bucket") }
        guard (3...63).contains(bucket.count), bucket.allSatisfy(Self.isBucketCharacter),
              bucket.first != ".", bucket.first != "-", bucket.last != ".", bucket.last != "-" else {
            throw S3LocationError(url: url, reason: "\"\(bucket)\" is not a bucket name (3 to 63 lowercase letters, digits, dots and hyphens)")
        }
        self.bucket = String(bucket)
        prefix = String(rest.dropFirst(bucket.count).drop { $0 == "/" })
        guard !prefix.contains("//") else { throw S3LocationError(url: url, reason: "its key prefix has an empty path segment") }
    }

    /// The keys starting with `prefix` in `bucket`.
    public init(bucket: String, prefix: String) {
        self.bucket = bucket
        self.prefix = prefix
    }

    /// `s3://bucket/prefix`.
    public var description: String { prefix.isEmpty ? "s3://\(bucket)" : "s3://\(bucket)/\(prefix)" }

    private static func isBucketCharacter(_ c: Character) -> Bool {
        ("a"..."z").contains(c) || ("0"..."9").contains(c) || c == "." || c == "-"
    }
}

/// An `s3://` URL that names no bucket and prefix.
public struct S3LocationError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The URL as given.
    public let url: String
    /// What is wrong with it.
    public let reason: String

    public var description: String { "malformed S3 URL \"\(url)\": \(reason)" }
}
