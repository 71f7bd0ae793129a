/// A picture as PNG stores it: `height` rows of `width` pixels of `channels` samples each,
/// row-major and channel-interleaved, 8 bits per sample.
///
/// Channels: 1 gray, 2 gray + alpha, 3 RGB, 4 RGBA.
public struct PNGImage: Sendable, Equatable {
    public let width: Int
    public let height: Int
    public let channels: Int
    /// Row-major, channel-interleaved bytes: `height × width × channels` of them.
    public let bytes: [UInt8]

    /// A picture of the given size; `bytes.count` must be `height × width × channels`.
    public init(width: Int, height: Int, channels: Int, bytes: [UInt8]) {
        precondition((1...4).contains(channels), "PNGImage: \(channels) channels (1 to 4 allowed)")
        precondition(bytes.count == height * width * channels, "PNGImage: \(bytes.count) bytes for \(height)×\(width)×\(channels)")
        self.width = width
        self.height = height
        self.channels = channels
        self.bytes = bytes
    }
}

/// Why PNG bytes could not be decoded: names the chunk, field or byte offset at fault.
public struct PNGError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What is wrong.
    public let message: String

    public init(_ message: String) { self.message = message }

    public var description: String { message }
}
