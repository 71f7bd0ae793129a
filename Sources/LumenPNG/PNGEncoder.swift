import CLumenZlib

/// Encodes 8- or 16-bit gray, gray+alpha, RGB or RGBA pictures as PNG, compressing with the system zlib.
public enum PNGEncoder {
    /// PNG bytes for `image`.
    ///
    /// Every row but the first uses the "Up" filter (the difference to the row above), which
    /// costs one subtraction per byte and turns smooth areas into runs of small numbers;
    /// `level` is zlib's 0–9.
    ///
    /// ```swift
    /// let png = PNGEncoder.encode(PNGImage(width: 2, height: 1, channels: 1, bytes: [0, 255]))
    /// ```
    public static func encode(_ image: PNGImage, level: Int32 = 6) -> [UInt8] {
        encode(rows: image.bytes, width: image.width, height: image.height, channels: image.channels, bitDepth: 8, level: level)
    }

    /// PNG bytes for a 16-bit picture: `samples` holds `height × width × channels` values,
    /// row-major and channel-interleaved (channels: 1 gray, 2 gray + alpha, 3 RGB, 4 RGBA).
    /// Filtered and compressed as ``encode(_:level:)``.
    ///
    /// ```swift
    /// let depth = PNGEncoder.encode16(width: 2, height: 1, channels: 1, samples: [0, 65535])
    /// ```
    public static func encode16(width: Int, height: Int, channels: Int, samples: [UInt16], level: Int32 = 6) -> [UInt8] {
        precondition((1...4).contains(channels), "PNGEncoder.encode16: \(channels) channels (1 to 4 allowed)")
        precondition(samples.count == width * height * channels,
                     "PNGEncoder.encode16: \(samples.count) samples for \(height)×\(width)×\(channels)")
        var bigEndian = [UInt8](repeating: 0, count: samples.count * 2)
        samples.withUnsafeBufferPointer { src in
            bigEndian.withUnsafeMutableBufferPointer { dst in
                for i in 0..<src.count {
                    dst[i &* 2] = UInt8(truncatingIfNeeded: src[i] >> 8)
                    dst[i &* 2 &+ 1] = UInt8(truncatingIfNeeded: src[i])
                }
            }
        }
        return encode(rows: bigEndian, width: width, height: height, channels: channels, bitDepth: 16, level: level)
    }

    /// `rows`: the picture's bytes as PNG stores them, `height` rows of `width × channels × bitDepth / 8`.
    private static func encode(rows bytes: [UInt8], width: Int, height: Int, channels: Int, bitDepth: UInt8, level: Int32) -> [UInt8] {
        let rowBytes = width * channels * Int(bitDepth) / 8
        var filtered = [UInt8](repeating: 0, count: height * (rowBytes + 1))
        bytes.withUnsafeBufferPointer { src in
            filtered.withUnsafeMutableBufferPointer { dst in
                for y in 0..<height {
                    let out = y &* (rowBytes &+ 1)
                    let row = y &* rowBytes
                    if y == 0 {
                        dst[out] = 0
                        for i in 0..<rowBytes { dst[out &+ 1 &+ i] = src[i] }
                    } else {
                        dst[out] = 2
                        for i in 0..<rowBytes { dst[out &+ 1 &+ i] = src[row &+ i] &- src[row &- rowBytes &+ i] }
                    }
                }
            }
        }
        var png: [UInt8] = PNGDecoder.signature
        var header: [UInt8] = []
        appendBigEndian(UInt32(width), to: &header)
        appendBigEndian(UInt32(height), to: &header)
        header += [bitDepth, colorType(channels: channels), 0, 0, 0]
        appendChunk("IHDR", header, to: &png)
        appendChunk("IDAT", deflate(filtered, level: level), to: &png)
        appendChunk("IEND", [], to: &png)
        return png
    }

    static func colorType(channels: Int) -> UInt8 {
        switch channels {
        case 1: return 0
        case 2: return 4
        case 3: return 2
        case 4: return 6
        default: preconditionFailure("PNGEncoder: \(channels) channels")
        }
    }

    /// zlib-wrapped deflate with the run-length strategy: after the "Up" filter, image rows are
    /// mostly runs and small differences, which run-length matching plus Huffman coding packs
    /// about as well as full matching at several times the speed.
    private static func deflate(_ data: [UInt8], level: Int32) -> [UInt8] {
        var stream = z_stream()
        var status = deflateInit2_(&stream, level, Z_DEFLATED, 15, 8, Z_RLE, zlibVersion(), Int32(MemoryLayout<z_stream>.size))
        precondition(status == Z_OK, "zlib deflateInit2 failed with status \(status)")
        defer { deflateEnd(&stream) }
        var out = [UInt8](repeating: 0, count: Int(deflateBound(&stream, uLong(data.count))))
        data.withUnsafeBufferPointer { src in
            out.withUnsafeMutableBufferPointer { dst in
                stream.next_in = UnsafeMutablePointer(mutating: src.baseAddress)
                stream.avail_in = uInt(src.count)
                stream.next_out = dst.baseAddress
                stream.avail_out = uInt(dst.count)
                status = CLumenZlib.deflate(&stream, Z_FINISH)
            }
        }
        // With deflateBound's room, one Z_FINISH call always completes.
        precondition(status == Z_STREAM_END, "zlib deflate failed with status \(status)")
        out.removeLast(out.count - Int(stream.total_out))
        return out
    }

    private static func appendChunk(_ type: String, _ data: [UInt8], to png: inout [UInt8]) {
        appendBigEndian(UInt32(data.count), to: &png)
        let typeBytes = Array(type.utf8)
        var crc = typeBytes.withUnsafeBufferPointer { crc32(0, $0.baseAddress, uInt($0.count)) }
        crc = data.withUnsafeBufferPointer { crc32(crc, $0.baseAddress, uInt($0.count)) }
        png += typeBytes
        png += data
        appendBigEndian(UInt32(crc), to: &png)
    }

    static func appendBigEndian(_ value: UInt32, to bytes: inout [UInt8]) {
        withUnsafeBytes(of: value.bigEndian) { bytes.append(contentsOf: $0) }
    }
}
