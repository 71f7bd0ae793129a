import Foundation

/// An image's encoded bytes, read from its event file when asked for (the reader keeps only an
/// ``ImageReference``).
///
/// ### Example
/// ```swift
/// let reference = run.read { $0.images["samples"]!.points[0][0] }
/// let image = try ImageBlob.read(reference, tag: "samples")
/// print(image.mimeType, image.bytes.count)   // image/png 5123
/// ```
public struct ImageBlob: Sendable {
    /// The encoded image (PNG, JPEG, GIF, …) as logged.
    public let bytes: Data
    /// The MIME type from the bytes' signature: `image/png`, `image/jpeg`, `image/gif`, else
    /// `application/octet-stream`.
    public let mimeType: String

    public init(bytes: Data) {
        self.bytes = bytes
        mimeType = Self.mimeType(of: bytes)
    }

    /// Reads the image `reference` points at, the value of `tag` in its record, from `source`
    /// (the run's log directory; the local file system when nil).
    /// - Throws: ``BlobError`` naming the file and offset when the record is damaged, cut off, or
    ///   no longer holds that image.
    public static func read(_ reference: ImageReference, tag: String, in source: (any LogdirSource)? = nil) throws -> ImageBlob {
        let blob = "image \(reference.index) of tag \"\(tag.prefix(200))\""
        let event = try BlobRecord.event(path: reference.path, offset: reference.offset, blob: blob, source: source)
        guard let value = event.summary.value.first(where: { $0.tag == tag }),
              let bytes = SummaryDecoding.imageBytes(value, index: reference.index) else {
            throw BlobError(path: reference.path, offset: reference.offset, blob: blob, reason: "the record holds no such image")
        }
        return ImageBlob(bytes: bytes)
    }

    static func mimeType(of bytes: Data) -> String {
        if bytes.starts(with: [0x89, 0x50, 0x4E, 0x47]) { return "image/png" }
        if bytes.starts(with: [0xFF, 0xD8, 0xFF]) { return "image/jpeg" }
        if bytes.starts(with: Array("GIF8".utf8)) { return "image/gif" }
        return "application/octet-stream"
    }
}
