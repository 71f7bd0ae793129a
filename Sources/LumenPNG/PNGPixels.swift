/// A PNG's samples exactly as stored, before any conversion: one array entry per sample.
///
/// Bit depths 1 to 8 give ``PNGSamples/bytes(_:)`` holding each sample's value
/// (0 ..< 2^bitDepth, not scaled; palette images hold indices); depth 16 gives
/// ``PNGSamples/words(_:)`` with the full 16-bit values.
///
/// ```swift
/// let pixels = try PNGDecoder.decodePixels(bytes)
/// if case .words(let values) = pixels.samples { print("16-bit, first sample", values[0]) }
/// ```
public enum PNGSamples: Sendable, Equatable {
    /// Depths 1, 2, 4 and 8: one byte per sample.
    case bytes([UInt8])
    /// Depth 16: one `UInt16` per sample.
    case words([UInt16])
}

/// A decoded PNG: its header, samples (`height × width × header.colorType.samplesPerPixel`,
/// row-major, channels interleaved, Adam7 already undone), palette and transparency.
///
/// ``eightBit()`` turns it into the 8-bit picture PIL gives; ``unitFloats()`` into values in
/// 0…1 at full precision.
///
/// ```swift
/// let pixels = try PNGDecoder.decodePixels(bytes)
/// let picture = pixels.eightBit()          // PNGImage, 1 to 4 channels
/// ```
public struct PNGPixels: Sendable, Equatable {
    public let header: PNGHeader
    public let samples: PNGSamples
    /// PLTE's entries as RGB triples (empty when there is none).
    public let palette: [UInt8]
    /// tRNS of a palette image: the alpha of the first `paletteAlpha.count` entries; the others are opaque.
    public let paletteAlpha: [UInt8]
    /// tRNS of a gray (one value) or RGB (three values) image: the colour, at the file's bit
    /// depth, that is fully transparent.
    public let transparentColor: [UInt16]?

    /// Channels after expansion: palette → RGB, or RGBA with tRNS; gray / RGB with tRNS gain an
    /// alpha channel. ``unitFloats()`` has this many; so has ``eightBit()``, except for 16-bit
    /// gray + alpha, which PIL opens as RGBA.
    ///
    /// ```swift
    /// let channels = try PNGDecoder.decodePixels(bytes).expandedChannels
    /// ```
    public var expandedChannels: Int {
        switch header.colorType {
        case .gray: return transparentColor == nil ? 1 : 2
        case .grayAlpha: return 2
        case .rgb: return transparentColor == nil ? 3 : 4
        case .rgba: return 4
        case .palette: return paletteAlpha.isEmpty ? 3 : 4
        }
    }
}
