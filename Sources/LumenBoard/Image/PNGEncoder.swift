import CLumenZlib

/// Encodes 8-bit gray, gray+alpha, RGB or RGBA pictures as PNG, compressing with the system zlib.
public enum PNGEncoder {
    /// PNG bytes for `image`.
    ///
    /// Every row uses the "Up" filter (the difference to the row above), which costs one
    /// subtraction per byte and lets deflate find the repeats of smooth images; `level`
    /// trades speed for size (zlib's 0–9; Lumen defaults to 1 so logging stays fast).
    public static func encode(_ image: ImagePixels, level: Int32 = 1) -> [UInt8] {
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

    private static func deflate(_ data: [UInt8], level: Int32) -> [UInt8] {
        var bound = compressBound(uLong(data.count))
        var out = [UInt8](repeating: 0, count: Int(bound))
        let status = data.withUnsafeBufferPointer { src in
            out.withUnsafeMutableBufferPointer { dst in
                compress2(dst.baseAddress, &bound, src.baseAddress, uLong(data.count), level)
            }
        }
        // compress2 fails only for a too-small buffer or bad level, both excluded above.
        precondition(status == Z_OK, "zlib compress2 failed with status \(status)")
        out.removeLast(out.count - Int(bound))
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
