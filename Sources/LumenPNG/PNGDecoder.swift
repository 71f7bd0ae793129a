import CLumenZlib

/// Decodes PNG files of every standard kind: bit depths 1 to 16, gray, RGB, palette (with
/// PLTE and tRNS), gray + alpha, RGBA, tRNS for gray and RGB, Adam7 interlacing and all five
/// row filters. Checks every chunk's CRC and never trusts a size it has not verified; errors
/// name the chunk, field or byte offset at fault.
///
/// ```swift
/// let picture = try PNGDecoder.decode(bytes)          // 8-bit, as PIL gives it
/// let exact = try PNGDecoder.decodePixels(bytes)      // samples as stored, 16-bit kept
/// ```
public enum PNGDecoder {
    /// The eight bytes every PNG file starts with.
    public static let signature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]

    /// The 8-bit picture PIL gives for `png`: ``PNGPixels/eightBit()`` of ``decodePixels(_:)``.
    /// - Throws: ``PNGError`` for anything that is not a valid PNG.
    ///
    /// ```swift
    /// let picture = try PNGDecoder.decode(bytes)   // picture.channels: 1 to 4
    /// ```
    public static func decode(_ png: [UInt8]) throws -> PNGImage {
        try decodePixels(png).eightBit()
    }

    /// The samples of `png` as stored (16-bit samples kept), with its palette and transparency.
    /// - Throws: ``PNGError`` for anything that is not a valid PNG.
    ///
    /// ```swift
    /// let pixels = try PNGDecoder.decodePixels(bytes)
    /// print(pixels.header.bitDepth, pixels.expandedChannels)
    /// ```
    public static func decodePixels(_ png: [UInt8]) throws -> PNGPixels {
        guard png.starts(with: signature) else {
            throw PNGError("PNG: bad signature (the first bytes are \(png.prefix(8).map { String($0, radix: 16) }))")
        }
        var offset = 8
        var header: PNGHeader?
        var inflater: PNGInflater?
        var palette: [UInt8] = [], paletteAlpha: [UInt8] = []
        var transparentColor: [UInt16]?
        while true {
            guard offset + 8 <= png.count else {
                throw PNGError("PNG: truncated at byte \(offset) of \(png.count): expected another chunk (no IEND yet)")
            }
            let length = Int(PNGBytes.bigEndian32(png, offset))
            let type = chunkName(png[offset + 4..<offset + 8])
            guard length < 1 << 31 else { throw PNGError("PNG: chunk \(type) at byte \(offset) declares an invalid length \(length)") }
            guard offset + 12 + length <= png.count else {
                throw PNGError("PNG: truncated: chunk \(type) at byte \(offset) declares \(length) data bytes but the file ends at byte \(png.count)")
            }
            let data = png[offset + 8..<offset + 8 + length]
            try checkCRC(png, chunkAt: offset, length: length, type: type)
            if header == nil && type != "IHDR" {
                throw PNGError("PNG: missing IHDR: the first chunk (at byte \(offset)) is \(type)")
            }
            switch type {
            case "IHDR":
                guard header == nil else { throw PNGError("PNG: a second IHDR chunk at byte \(offset)") }
                header = try PNGHeader(ihdr: data, offset: offset)
            case "PLTE":
                guard length % 3 == 0, (3...768).contains(length) else {
                    throw PNGError("PNG: PLTE at byte \(offset) has \(length) bytes (a multiple of 3, 1 to 256 entries)")
                }
                palette = Array(data)
            case "tRNS":
                if let header { (paletteAlpha, transparentColor) = try transparency(data, header: header, paletteEntries: palette.count / 3, offset: offset) }
            case "IDAT":
                guard let header else { break }
                if header.colorType == .palette && palette.isEmpty {
                    throw PNGError("PNG: palette image without a PLTE chunk before its IDAT at byte \(offset)")
                }
                if inflater == nil { inflater = try PNGInflater(expected: PNGScanlines.inflatedSize(header)) }
                try inflater?.feed(data, offset: offset)
            case "IEND":
                guard let header else { break }
                guard let inflater else { throw PNGError("PNG: missing IDAT: no image data before IEND at byte \(offset)") }
                var raw = try inflater.result()
                return PNGPixels(header: header, samples: try PNGScanlines.samples(&raw, header: header),
                                 palette: palette, paletteAlpha: paletteAlpha, transparentColor: transparentColor)
            default:
                break
            }
            offset += 12 + length
        }
    }

    /// A chunk type as text; bytes that are not ASCII letters are shown as hex.
    private static func chunkName(_ bytes: ArraySlice<UInt8>) -> String {
        let isLetters = bytes.allSatisfy { (65...90).contains($0) || (97...122).contains($0) }
        return isLetters ? String(decoding: bytes, as: UTF8.self) : "0x" + bytes.map { String($0, radix: 16) }.joined()
    }

    private static func checkCRC(_ png: [UInt8], chunkAt offset: Int, length: Int, type: String) throws {
        let stored = PNGBytes.bigEndian32(png, offset + 8 + length)
        let computed = png.withUnsafeBufferPointer { crc32(0, $0.baseAddress! + offset + 4, uInt(4 + length)) }
        guard UInt32(computed) == stored else {
            throw PNGError("PNG: bad CRC in chunk \(type) at byte \(offset) (stored 0x\(String(stored, radix: 16)), computed 0x\(String(computed, radix: 16)))")
        }
    }

    /// tRNS: alpha for palette entries, or the transparent gray level / RGB colour.
    private static func transparency(
        _ data: ArraySlice<UInt8>, header: PNGHeader, paletteEntries: Int, offset: Int
    ) throws -> ([UInt8], [UInt16]?) {
        let bytes = Array(data)
        switch header.colorType {
        case .palette:
            guard bytes.count <= paletteEntries else {
                throw PNGError("PNG: tRNS at byte \(offset) has \(bytes.count) alpha values for \(paletteEntries) palette entries (PLTE must come first)")
            }
            return (bytes, nil)
        case .gray, .rgb:
            let samples = header.colorType.samplesPerPixel
            guard bytes.count == 2 * samples else {
                throw PNGError("PNG: tRNS at byte \(offset) has \(bytes.count) bytes, expected \(2 * samples) for colour type \(header.colorType.rawValue)")
            }
            return ([], (0..<samples).map { UInt16(bytes[2 * $0]) << 8 | UInt16(bytes[2 * $0 + 1]) })
        case .grayAlpha, .rgba:
            return ([], nil)
        }
    }
}
