import CLumenZlib
import NIOCore

/// A gzip stream (zlib's deflate with gzip framing) that compresses its input piece by piece,
/// so a long response is compressed while it is sent rather than buffered whole.
///
/// Not thread-safe: one stream serves one response body.
final class GzipStream {
    /// zlib keeps a pointer back to its `z_stream`, so the stream lives at a fixed address.
    private let stream: UnsafeMutablePointer<z_stream>

    /// A stream at zlib `level` (1 fastest … 9 smallest).
    init(level: Int32) {
        stream = .allocate(capacity: 1)
        stream.initialize(to: z_stream())
        // windowBits 15 + 16: gzip header and trailer instead of zlib's; memLevel 8 is zlib's default.
        let status = deflateInit2_(stream, level, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY, zlibVersion(), Int32(MemoryLayout<z_stream>.size))
        precondition(status == Z_OK, "zlib deflateInit2 failed with status \(status)")
    }

    deinit {
        deflateEnd(stream)
        stream.deallocate()
    }

    /// Compresses `input` and returns what zlib has ready to send (often nothing for a short
    /// input: zlib holds data back until it fills a block).
    func compress(_ input: ByteBuffer) -> ByteBuffer {
        input.withUnsafeReadableBytes { deflate($0, flush: Z_NO_FLUSH) }
    }

    /// Ends the stream: the rest of the compressed data and the gzip trailer.
    func finish() -> ByteBuffer {
        deflate(UnsafeRawBufferPointer(start: nil, count: 0), flush: Z_FINISH)
    }

    /// `bytes` compressed whole, as one gzip member.
    static func compressed(_ bytes: some Collection<UInt8>, level: Int32) -> [UInt8] {
        let stream = GzipStream(level: level)
        var output = stream.compress(ByteBuffer(bytes: bytes))
        var rest = stream.finish()
        output.writeBuffer(&rest)
        return Array(output.readableBytesView)
    }

    private func deflate(_ input: UnsafeRawBufferPointer, flush: Int32) -> ByteBuffer {
        var output = ByteBuffer()
        stream.pointee.next_in = UnsafeMutablePointer(mutating: input.baseAddress?.assumingMemoryBound(to: Bytef.self))
        stream.pointee.avail_in = UInt32(input.count)
        defer { stream.pointee.next_in = nil }
        var status = Z_OK
        // zlib has taken all the input once it leaves room in the output; when finishing, it
        // is done once it says the stream ended (trailer written).
        repeat {
            output.writeWithUnsafeMutableBytes(minimumWritableBytes: 16_384) { buffer in
                stream.pointee.next_out = buffer.baseAddress!.assumingMemoryBound(to: Bytef.self)
                stream.pointee.avail_out = UInt32(buffer.count)
                status = CLumenZlib.deflate(stream, flush)
                precondition(status == Z_OK || status == Z_STREAM_END || status == Z_BUF_ERROR, "zlib deflate failed with status \(status)")
                return buffer.count - Int(stream.pointee.avail_out)
            }
        } while stream.pointee.avail_out == 0 || (flush == Z_FINISH && status != Z_STREAM_END)
        return output
    }
}
