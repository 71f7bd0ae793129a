import Hummingbird

/// A response body writer that gzips what it is given on its way to `parent`: each buffer is
/// compressed as it comes, in slices, so compressed bytes go out while the rest is compressed.
struct GzipBodyWriter: ResponseBodyWriter {
    /// Input compressed at a time: the first bytes of a long body leave before the rest is done.
    static let sliceBytes = 64 * 1024

    private var parent: any ResponseBodyWriter
    private let stream: GzipStream

    init(parent: any ResponseBodyWriter, level: Int32) {
        self.parent = parent
        stream = GzipStream(level: level)
    }

    mutating func write(_ buffer: ByteBuffer) async throws {
        var rest = buffer
        while let slice = rest.readSlice(length: min(Self.sliceBytes, rest.readableBytes)), slice.readableBytes > 0 {
            let compressed = stream.compress(slice)
            if compressed.readableBytes > 0 { try await parent.write(compressed) }
        }
    }

    consuming func finish(_ trailingHeaders: HTTPFields?) async throws {
        try await parent.write(stream.finish())
        try await parent.finish(trailingHeaders)
    }
}
