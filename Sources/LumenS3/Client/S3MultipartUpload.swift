import Foundation
import NIOHTTP1

/// Multipart upload: an object sent as numbered parts (CreateMultipartUpload, UploadPart,
/// CompleteMultipartUpload), for bodies too large for one comfortable PUT.
extension S3Client {
    /// The smallest part S3 accepts (every part but the last): 5 MiB.
    public static let minimumPartSize = 5 << 20

    /// Stores `body` as `key` in parts of `partSize` bytes (the last one shorter), replacing any
    /// object there; returns its ETag. The parts go up one after another; when one fails (after
    /// the client's retries) the upload is aborted, so no parts are left behind, and the error
    /// is thrown.
    /// - Parameter partSize: bytes per part, at least ``minimumPartSize``.
    /// - Throws: ``S3Error`` naming the step that failed.
    @discardableResult
    public func putObjectInParts(bucket: String, key: String, body: [UInt8], partSize: Int = 8 << 20) throws -> String {
        precondition(partSize >= Self.minimumPartSize, "S3 parts are at least 5 MiB")
        let uploadID = try createMultipartUpload(bucket: bucket, key: key)
        do {
            var parts: [(number: Int, etag: String)] = []
            for (index, start) in stride(from: 0, to: max(body.count, 1), by: partSize).enumerated() {
                let part = Array(body[start..<min(start + partSize, body.count)])
                parts.append((index + 1, try uploadPart(bucket: bucket, key: key, uploadID: uploadID, number: index + 1, body: part)))
            }
            return try completeMultipartUpload(bucket: bucket, key: key, uploadID: uploadID, parts: parts)
        } catch {
            try? abortMultipartUpload(bucket: bucket, key: key, uploadID: uploadID)
            throw error
        }
    }

    /// Starts a multipart upload of `key`; returns its upload ID.
    /// - Throws: ``S3Error``.
    public func createMultipartUpload(bucket: String, key: String) throws -> String {
        let answer = try send("CreateMultipartUpload", .POST, bucket: bucket, key: key, query: [("uploads", "")],
                              headers: [("Content-Length", "0")])
        guard let id = S3XML.value(of: "UploadId", in: "InitiateMultipartUploadResult", answer.body), !id.isEmpty else {
            throw S3Error(operation: "CreateMultipartUpload", bucket: bucket, key: key,
                          reason: .malformedResponse("the answer has no InitiateMultipartUploadResult UploadId"))
        }
        return id
    }

    /// Uploads part `number` (from 1) of upload `uploadID`; returns the part's ETag.
    /// - Throws: ``S3Error``.
    public func uploadPart(bucket: String, key: String, uploadID: String, number: Int, body: [UInt8]) throws -> String {
        let answer = try send("UploadPart", .PUT, bucket: bucket, key: key, query: [("partNumber", String(number)), ("uploadId", uploadID)],
                              headers: [("Content-Length", String(body.count))], body: body)
        guard let etag = answer.headers.first(name: "ETag") else {
            throw S3Error(operation: "UploadPart", bucket: bucket, key: key, reason: .malformedResponse("part \(number) was answered without an ETag"))
        }
        return etag
    }

    /// Joins the uploaded `parts` (in number order) into the object; returns its ETag.
    /// - Throws: ``S3Error``, also when the server answers 200 with an error document (as S3
    ///   may for this request).
    public func completeMultipartUpload(bucket: String, key: String, uploadID: String, parts: [(number: Int, etag: String)]) throws -> String {
        let xml = "<CompleteMultipartUpload>" + parts.map { "<Part><PartNumber>\($0.number)</PartNumber><ETag>\(Self.xmlEscaped($0.etag))</ETag></Part>" }
            .joined() + "</CompleteMultipartUpload>"
        let body = Array(xml.utf8)
        let answer = try send("CompleteMultipartUpload", .POST, bucket: bucket, key: key, query: [("uploadId", uploadID)],
                              headers: [("Content-Length", String(body.count))], body: body)
        let (code, message) = S3XML.error(answer.body)
        if code != nil || message != nil {
            throw S3Error(operation: "CompleteMultipartUpload", bucket: bucket, key: key, reason: .status(answer.status, code: code, message: message))
        }
        return S3XML.value(of: "ETag", in: "CompleteMultipartUploadResult", answer.body) ?? ""
    }

    /// Abandons upload `uploadID`, deleting its parts.
    /// - Throws: ``S3Error``.
    public func abortMultipartUpload(bucket: String, key: String, uploadID: String) throws {
        _ = try send("AbortMultipartUpload", .DELETE, bucket: bucket, key: key, query: [("uploadId", uploadID)])
    }

    private static func xmlEscaped(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "\"", with: "&quot;")
            .replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
    }
}
