/// PNG's colour types: IHDR byte 9.
///
/// ```swift
/// if try PNGDecoder.decodePixels(bytes).header.colorType == .palette { print("indexed") }
/// ```
public enum PNGColorType: UInt8, Sendable, Equatable {
    case gray = 0
    case rgb = 2
    case palette = 3
    case grayAlpha = 4
    case rgba = 6

    /// Samples per pixel as stored: a palette pixel is one index.
    public var samplesPerPixel: Int {
        switch self {
        case .gray, .palette: return 1
        case .grayAlpha: return 2
        case .rgb: return 3
        case .rgba: return 4
        }
    }

    /// The bit depths the PNG specification allows for this colour type.
    var allowedBitDepths: [Int] {
        switch self {
        case .gray: return [1, 2, 4, 8, 16]
        case .palette: return [1, 2, 4, 8]
        case .rgb, .grayAlpha, .rgba: return [8, 16]
        }
    }
}

/// A PNG file's IHDR chunk: size, sample depth, colour type and interlacing.
///
/// ```swift
/// let pixels = try PNGDecoder.decodePixels(bytes)
/// print(pixels.header.width, pixels.header.bitDepth, pixels.header.colorType)
/// ```
public struct PNGHeader: Sendable, Equatable {
    /// Pixels per row.
    public let width: Int
    /// Rows.
    public let height: Int
    /// Bits per sample (per palette index for ``PNGColorType/palette``): 1, 2, 4, 8 or 16.
    public let bitDepth: Int
    public let colorType: PNGColorType
    /// Whether the rows are stored in Adam7's seven passes.
    public let interlaced: Bool

    /// The most pixels a PNG may declare: 2²⁸ (16384 × 16384), above PIL's decompression-bomb limit.
    public static let maxPixels = 1 << 28

    /// Parses and checks IHDR's 13 data bytes; `offset` is the chunk's byte offset, for errors.
    init(ihdr data: ArraySlice<UInt8>, offset: Int) throws {
        let d = Array(data)
        guard d.count == 13 else { throw PNGError("PNG: IHDR at byte \(offset) has \(d.count) data bytes, expected 13") }
        width = Int(PNGBytes.bigEndian32(d, 0))
        height = Int(PNGBytes.bigEndian32(d, 4))
        bitDepth = Int(d[8])
        guard let type = PNGColorType(rawValue: d[9]) else {
            throw PNGError("PNG: IHDR colour type \(d[9]) is not one of 0, 2, 3, 4, 6")
        }
        colorType = type
        guard type.allowedBitDepths.contains(bitDepth) else {
            throw PNGError("PNG: IHDR bit depth \(bitDepth) is not allowed for colour type \(type.rawValue) (allowed: \(type.allowedBitDepths))")
        }
        guard d[10] == 0 else { throw PNGError("PNG: IHDR compression method \(d[10]) is unknown (only 0)") }
        guard d[11] == 0 else { throw PNGError("PNG: IHDR filter method \(d[11]) is unknown (only 0)") }
        guard d[12] <= 1 else { throw PNGError("PNG: IHDR interlace method \(d[12]) is unknown (0 or 1)") }
        interlaced = d[12] == 1
        guard width > 0, height > 0, width < 1 << 31, height < 1 << 31 else {
            throw PNGError("PNG: IHDR size \(width)×\(height) is invalid (each side 1 to 2³¹−1)")
        }
        guard width * height <= PNGHeader.maxPixels else {
            throw PNGError("PNG: IHDR size \(width)×\(height) exceeds the limit of \(PNGHeader.maxPixels) pixels")
        }
    }

    /// Bits per pixel as stored.
    var bitsPerPixel: Int { bitDepth * colorType.samplesPerPixel }

    /// Bytes of one stored row `pixels` wide, without its filter byte.
    func rowBytes(pixels: Int) -> Int { (pixels * bitsPerPixel + 7) / 8 }
}

/// Big-endian reads shared by the PNG decoder's parts.
enum PNGBytes {
    static func bigEndian32(_ bytes: [UInt8], _ at: Int) -> UInt32 {
        (UInt32(bytes[at]) << 24) | (UInt32(bytes[at + 1]) << 16) | (UInt32(bytes[at + 2]) << 8) | UInt32(bytes[at + 3])
    }
}
