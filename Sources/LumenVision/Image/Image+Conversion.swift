extension Image {
    /// The picture with `channels` channels (1 L, 2 LA, 3 RGB, 4 RGBA), by PIL's `convert`
    /// formulas exactly:
    ///
    /// - to gray: `L = (R·19595 + G·38470 + B·7471 + 0x8000) >> 16` (ITU-R 601-2 luma in 16-bit
    ///   fixed point; alpha does not take part);
    /// - gray to colour: R = G = B = L;
    /// - alpha is kept when both sides have it, dropped when the target has none, and 255 when
    ///   the source has none.
    ///
    /// - Throws: ``VisionError`` when `channels` is not 1 to 4.
    ///
    /// ```swift
    /// let gray = try photo.converted(toChannels: 1)   // PIL's .convert("L")
    /// ```
    public func converted(toChannels target: Int) throws -> Image {
        guard (1...4).contains(target) else {
            throw VisionError("converted(toChannels:): \(target) channels asked for (1 to 4 allowed)")
        }
        if target == channels { return self }
        let source = channels
        let sourceHasAlpha = source == 2 || source == 4
        let targetHasAlpha = target == 2 || target == 4
        let count = width * height
        var out = [UInt8](repeating: 255, count: count * target)
        pixels.withUnsafeBufferPointer { src in
            out.withUnsafeMutableBufferPointer { dst in
                for p in 0..<count {
                    let s = p &* source, d = p &* target
                    if target >= 3 {
                        if source >= 3 {
                            dst[d] = src[s]; dst[d &+ 1] = src[s &+ 1]; dst[d &+ 2] = src[s &+ 2]
                        } else {
                            dst[d] = src[s]; dst[d &+ 1] = src[s]; dst[d &+ 2] = src[s]
                        }
                    } else {
                        dst[d] = source >= 3 ? Image.luma(src[s], src[s &+ 1], src[s &+ 2]) : src[s]
                    }
                    if targetHasAlpha && sourceHasAlpha { dst[d &+ target &- 1] = src[s &+ source &- 1] }
                }
            }
        }
        return Image(width: width, height: height, channels: target, pixels: out)
    }

    /// PIL's RGB → L: ITU-R 601-2 luma with weights 19595, 38470, 7471 (sum 65536), rounded.
    @inline(__always)
    static func luma(_ r: UInt8, _ g: UInt8, _ b: UInt8) -> UInt8 {
        UInt8(truncatingIfNeeded: (UInt32(r) &* 19595 &+ UInt32(g) &* 38470 &+ UInt32(b) &* 7471 &+ 0x8000) >> 16)
    }
}
