import Foundation
import LumenBoard

/// Fetches an image's encoded bytes from its event file on demand.
enum ImageBytes {
    /// The image at `reference`, re-read from its record, and its MIME type.
    static func load(_ reference: ImageReference, tag: String) throws -> (bytes: Data, mimeType: String) {
        let payload = try RecordReader.payload(path: reference.path, offset: reference.offset)
        let event = try TBEvent(serializedBytes: payload)
        guard let value = event.summary.value.first(where: { $0.tag == tag }),
              let bytes = SummaryDecoding.imageBytes(value, index: reference.index) else {
            throw APIError.notFound("image of tag \"\(tag)\" is no longer at offset \(reference.offset) of \(reference.path)")
        }
        return (bytes, mimeType(of: bytes))
    }

    /// The MIME type from the file signature: PNG, JPEG, GIF, else generic.
    static func mimeType(of bytes: Data) -> String {
        if bytes.starts(with: [0x89, 0x50, 0x4E, 0x47]) { return "image/png" }
        if bytes.starts(with: [0xFF, 0xD8, 0xFF]) { return "image/jpeg" }
        if bytes.starts(with: Array("GIF8".utf8)) { return "image/gif" }
        return "application/octet-stream"
    }
}
