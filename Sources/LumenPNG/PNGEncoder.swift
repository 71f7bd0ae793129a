import CLumenZlib

/// Encodes 8-bit gray, gray+alpha, RGB or RGBA pictures as PNG, compressing with the system zlib.
public enum PNGEncoder {
    /// PNG bytes for `image`.
    ///
    /// Every row but the first uses the "Up" filter (the difference to the row above), which
    /// costs one subtraction per byte and turns smooth areas into runs of small numbers;
    /// `level` is zlib's 0–9.
    public static func encode(_ image: PNGImage, level: Int32 = 6) -> [UInt8] {
        let rowBytes = image.width * image.channels
        var filtered = [UInt8](repeating: 0, count: image.height * (rowBytes + 1))
        image.bytes.withUnsafeBufferPointer { src in
            filtered.withUnsafeMutableBufferPointer { dst in
                for y in 0..<image.height {
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
        var png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
        var header: [UInt8] = []
        appendBigEndian(UInt32(image.width), to: &header)
        appendBigEndian(UInt32(image.height), to: &header)
        header += [8, colorType(channels: image.channels), 0, 0, 0]
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
