/// A request to S3-compatible storage that failed, naming the operation, the bucket and key,
/// and the HTTP status with S3's error code and message (or why no answer came).
public struct S3Error: Error, Sendable, CustomStringConvertible {
    /// Why the request failed.
    public enum Reason: Sendable, Equatable {
        /// The server answered with an error status, and S3's `<Code>` and `<Message>` when its
        /// answer had them.
        case status(Int, code: String?, message: String?)
        /// No answer came, after every retry (connection refused, timed out, reset).
        case unreachable(endpoint: String, reason: String)
        /// The answer could not be understood.
        case malformedResponse(String)
        /// No request was sent: the credentials expired and could not be renewed.
        case credentials(String)
    }

    /// What was asked: "LIST", "GET", "HEAD", "PUT", "DELETE", or a step of a multipart upload
    /// ("CreateMultipartUpload", "UploadPart", "CompleteMultipartUpload", "AbortMultipartUpload").
    public let operation: String
    /// The bucket.
    public let bucket: String
    /// The key (for LIST, the prefix listed).
    public let key: String
    /// Why it failed.
    public let reason: Reason

    public init(operation: String, bucket: String, key: String, reason: Reason) {
        self.operation = operation
        self.bucket = bucket
        self.key = key
        self.reason = reason
    }

    /// The HTTP status, when the server answered.
    public var status: Int? {
        if case .status(let status, _, _) = reason { return status }
        return nil
    }

    public var description: String {
        let place = S3Location(bucket: bucket, prefix: key).description
        switch reason {
        case .status(let status, let code, let message):
            let detail = [code, message].compactMap { $0 }.joined(separator: ": ")
            return "S3 \(operation) \(place) failed: HTTP \(status)" + (detail.isEmpty ? "" : " \(detail)")
        case .unreachable(let endpoint, let reason):
            return "S3 \(operation) \(place) failed: cannot reach \(endpoint) (\(reason))"
        case .malformedResponse(let reason), .credentials(let reason):
            return "S3 \(operation) \(place) failed: \(reason)"
        }
    }
}
