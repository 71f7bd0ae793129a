/// Why a blob (an image, a graph) the reader kept only the place of cannot be read back from
/// its event file: the record there is damaged, cut off, gone, or holds something else.
public struct BlobError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The event file.
    public let path: String
    /// Byte offset of the record in the file.
    public let offset: Int64
    /// What the blob is, for the message: "the graph", "image 0 of tag \"x\"".
    public let blob: String
    /// What is wrong with the record.
    public let reason: String

    public init(path: String, offset: Int64, blob: String, reason: String) {
        self.path = path
        self.offset = offset
        self.blob = blob
        self.reason = reason
    }

    public var description: String {
        "\(blob) at offset \(offset) of \(path) cannot be read: \(reason)"
    }
}
