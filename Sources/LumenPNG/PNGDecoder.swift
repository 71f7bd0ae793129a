import CLumenZlib

/// Decodes 8-bit, non-interlaced PNG (gray, gray+alpha, RGB, RGBA): what TensorBoard writers
/// produce. Checks every chunk's CRC; errors name the chunk or field at fault.
public enum PNGDecoder {
    /// The pixels of `png`.
    /// - Throws: ``PNGError`` for anything that is not a valid PNG of a supported kind.
    public static func decode(_ png: [UInt8]) throws -> PNGImage {
        let signature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
        guard png.count >= 8, Array(png[0..<8]) == signature else { throw PNGError("PNG: bad signature") }
        var offset = 8
        var width = 0, height = 0, channels = 0
        var compressed: [UInt8] = []
        var sawHeader = false, sawEnd = false
        while !sawEnd {
            guard offset + 12 <= png.count else { throw PNGError("PNG: truncated at byte \(offset)") }
            let length = Int(readBigEndian(png, offset))
            let typeBytes = Array(png[offset + 4..<offset + 8])
            let type = String(decoding: typeBytes, as: UTF8.self)
            guard offset + 12 + length <= png.count else { throw PNGError("PNG: chunk \(type) at byte \(offset) runs past the end") }
            let data = Array(png[offset + 8..<offset + 8 + length])
            let stored = readBigEndian(png, offset + 8 + length)
            var crc = typeBytes.withUnsafeBufferPointer { crc32(0, $0.baseAddress, 4) }
            crc = data.withUnsafeBufferPointer { crc32(crc, $0.baseAddress, uInt(length)) }
            guard UInt32(crc) == stored else { throw PNGError("PNG: bad CRC in chunk \(type) at byte \(offset)") }
            switch type {
            case "IHDR":
                guard length == 13 else { throw PNGError("PNG: IHDR has \(length) bytes, expected 13") }
                width = Int(readBigEndian(data, 0))
                height = Int(readBigEndian(data, 4))
                guard data[8] == 8 else { throw PNGError("PNG: bit depth \(data[8]) is not supported (only 8)") }
                switch data[9] {
                case 0: channels = 1
                case 4: channels = 2
                case 2: channels = 3
                case 6: channels = 4
                default: throw PNGError("PNG: color type \(data[9]) is not supported")
                }
                guard data[12] == 0 else { throw PNGError("PNG: interlaced images are not supported") }
                guard width > 0, height > 0, width * height <= 1 << 28 else {
                    throw PNGError("PNG: IHDR size \(width)×\(height) is invalid")
                }
                sawHeader = true
            case "IDAT": compressed += data
            case "IEND": sawEnd = true
            default: break
            }
            offset += 12 + length
        }
        guard sawHeader else { throw PNGError("PNG: no IHDR chunk") }
        let rowBytes = width * channels
        let raw = try inflate(compressed, expected: height * (rowBytes + 1))
        return PNGImage(width: width, height: height, channels: channels,
                           bytes: try unfilter(raw, height: height, rowBytes: rowBytes, bytesPerPixel: channels))
    }

    private static func readBigEndian(_ bytes: [UInt8], _ at: Int) -> UInt32 {
        (UInt32(bytes[at]) << 24) | (UInt32(bytes[at + 1]) << 16) | (UInt32(bytes[at + 2]) << 8) | UInt32(bytes[at + 3])
    }

    private static func inflate(_ data: [UInt8], expected: Int) throws -> [UInt8] {
        var out = [UInt8](repeating: 0, count: expected)
        var produced = uLongf(expected)
        let status = data.withUnsafeBufferPointer { src in
            out.withUnsafeMutableBufferPointer { dst in
                uncompress(dst.baseAddress, &produced, src.baseAddress, uLong(data.count))
            }
        }
        guard status == Z_OK, Int(produced) == expected else {
            throw PNGError("PNG: IDAT data does not inflate to \(expected) bytes (zlib status \(status))")
        }
        return out
    }

    private static func unfilter(_ raw: [UInt8], height: Int, rowBytes: Int, bytesPerPixel bpp: Int) throws -> [UInt8] {
        var out = [UInt8](repeating: 0, count: height * rowBytes)
        for y in 0..<height {
            let filter = raw[y * (rowBytes + 1)]
            let src = y * (rowBytes + 1) + 1
            let row = y * rowBytes
            for i in 0..<rowBytes {
                let a = i >= bpp ? Int(out[row + i - bpp]) : 0
                let b = y > 0 ? Int(out[row - rowBytes + i]) : 0
                let c = (i >= bpp && y > 0) ? Int(out[row - rowBytes + i - bpp]) : 0
                let predictor: Int
                switch filter {
                case 0: predictor = 0
                case 1: predictor = a
                case 2: predictor = b
                case 3: predictor = (a + b) / 2
                case 4:
                    let p = a + b - c
                    let pa = abs(p - a), pb = abs(p - b), pc = abs(p - c)
                    predictor = pa <= pb && pa <= pc ? a : (pb <= pc ? b : c)
                default: throw PNGError("PNG: row \(y) has unknown filter type \(filter)")
                }
                out[row + i] = raw[src + i] &+ UInt8(truncatingIfNeeded: predictor)
            }
        }
        return out
    }
}
