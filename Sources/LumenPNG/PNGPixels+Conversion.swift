extension PNGPixels {
    /// The 8-bit picture PIL gives for this PNG, with ``expandedChannels`` channels (but 4 for
    /// 16-bit gray + alpha):
    ///
    /// - gray at 1, 2 or 4 bits is scaled to 0…255 (×255, ×85, ×17, as PIL's modes "1" and "L");
    /// - 16-bit gray is clipped to 255, as PIL's `convert("L")` of its mode "I;16" does
    ///   (use ``unitFloats()`` for the full precision);
    /// - other 16-bit samples keep their high byte, as PIL's "RGB" and "RGBA" do; 16-bit
    ///   gray + alpha becomes RGBA (gray repeated), as PIL opens it;
    /// - palette indices become RGB, or RGBA when there is a tRNS chunk, as PIL's
    ///   `convert("RGB")` / `convert("RGBA")`; an index past the palette's end is black;
    /// - a gray or RGB image with tRNS gains an alpha channel that is 0 where the stored sample
    ///   equals the transparent colour and 255 elsewhere, as PIL's `convert("LA")` /
    ///   `convert("RGBA")`. Samples are compared as stored, as the PNG specification says; PIL
    ///   compares the 8-bit values instead, so for 16-bit files it misses every transparent pixel
    ///   whose level is above 255.
    ///
    /// ```swift
    /// let picture = try PNGDecoder.decodePixels(bytes).eightBit()
    /// ```
    public func eightBit() -> PNGImage {
        let (width, height, channels) = (header.width, header.height, expandedChannels)
        let bytes: [UInt8]
        switch samples {
        case .bytes(let raw):
            switch header.colorType {
            case .palette:
                bytes = paletteLookup(raw)
            case .gray:
                let scale = UInt8(255 / ((1 << header.bitDepth) - 1))
                bytes = transparentColor == nil && scale == 1
                    ? raw : appendingKeyAlpha(raw, samplesPerPixel: 1, opaque: UInt8(255), clear: 0) { $0 &* scale }
            case .rgb where transparentColor != nil:
                bytes = appendingKeyAlpha(raw, samplesPerPixel: 3, opaque: UInt8(255), clear: 0) { $0 }
            case .rgb, .grayAlpha, .rgba:
                bytes = raw
            }
        case .words(let raw):
            switch header.colorType {
            case .gray:
                bytes = appendingKeyAlpha(raw, samplesPerPixel: 1, opaque: UInt8(255), clear: 0) { $0 > 255 ? 255 : UInt8($0) }
            case .rgb where transparentColor != nil:
                bytes = appendingKeyAlpha(raw, samplesPerPixel: 3, opaque: UInt8(255), clear: 0) { UInt8($0 >> 8) }
            case .grayAlpha:
                return PNGImage(width: width, height: height, channels: 4, bytes: grayAlphaToRGBA(raw))
            case .rgb, .rgba, .palette:
                bytes = raw.map { UInt8($0 >> 8) }
            }
        }
        return PNGImage(width: width, height: height, channels: channels, bytes: bytes)
    }

    /// Samples scaled to 0…1 with ``expandedChannels`` channels, row-major and interleaved:
    /// 16-bit samples divided by 65535 (full precision, as torchvision's `decode_png` followed by
    /// `convert_image_dtype`), the others as ``eightBit()`` gives them divided by 255.
    ///
    /// ```swift
    /// let values = try PNGDecoder.decodePixels(bytes).unitFloats()
    /// ```
    public func unitFloats() -> [Float] {
        guard case .words(let raw) = samples else { return eightBit().bytes.map { Float($0) / 255 } }
        let scale: (UInt16) -> Float = { Float($0) / 65535 }
        switch header.colorType {
        case .gray: return appendingKeyAlpha(raw, samplesPerPixel: 1, opaque: Float(1), clear: 0, scale)
        case .rgb: return appendingKeyAlpha(raw, samplesPerPixel: 3, opaque: Float(1), clear: 0, scale)
        case .grayAlpha, .rgba, .palette: return raw.map(scale)
        }
    }

    /// 16-bit gray + alpha as PIL opens it: RGBA with the gray's high byte repeated.
    private func grayAlphaToRGBA(_ raw: [UInt16]) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: raw.count * 2)
        raw.withUnsafeBufferPointer { src in
            out.withUnsafeMutableBufferPointer { dst in
                for p in 0..<src.count / 2 {
                    let gray = UInt8(truncatingIfNeeded: src[p &* 2] >> 8)
                    dst[p &* 4] = gray
                    dst[p &* 4 &+ 1] = gray
                    dst[p &* 4 &+ 2] = gray
                    dst[p &* 4 &+ 3] = UInt8(truncatingIfNeeded: src[p &* 2 &+ 1] >> 8)
                }
            }
        }
        return out
    }

    /// Palette indices → RGB, or RGBA when the image has palette alpha.
    private func paletteLookup(_ indices: [UInt8]) -> [UInt8] {
        let entries = palette.count / 3
        var table = [UInt8](repeating: 0, count: 256 * 4)
        for i in 0..<256 {
            if i < entries { for c in 0..<3 { table[i * 4 + c] = palette[i * 3 + c] } }
            table[i * 4 + 3] = i < paletteAlpha.count ? paletteAlpha[i] : 255
        }
        let channels = paletteAlpha.isEmpty ? 3 : 4
        var out = [UInt8](repeating: 0, count: indices.count * channels)
        table.withUnsafeBufferPointer { table in
            indices.withUnsafeBufferPointer { src in
                out.withUnsafeMutableBufferPointer { dst in
                    for p in 0..<src.count {
                        let entry = Int(src[p]) &* 4
                        for c in 0..<channels { dst[p &* channels &+ c] = table[entry &+ c] }
                    }
                }
            }
        }
        return out
    }

    /// Maps each sample through `value`; with a transparent colour, appends to every pixel an
    /// alpha that is `clear` where the pixel's stored samples equal it and `opaque` elsewhere.
    private func appendingKeyAlpha<Stored: FixedWidthInteger, Out>(
        _ raw: [Stored], samplesPerPixel k: Int, opaque: Out, clear: Out, _ value: (Stored) -> Out
    ) -> [Out] {
        guard let key = transparentColor else { return raw.map(value) }
        let pixels = raw.count / k
        var out = [Out](repeating: opaque, count: pixels * (k + 1))
        raw.withUnsafeBufferPointer { src in
            out.withUnsafeMutableBufferPointer { dst in
                for p in 0..<pixels {
                    var matches = true
                    for c in 0..<k {
                        let sample = src[p &* k &+ c]
                        dst[p &* (k &+ 1) &+ c] = value(sample)
                        if UInt16(truncatingIfNeeded: sample) != key[c] { matches = false }
                    }
                    if matches { dst[p &* (k &+ 1) &+ k] = clear }
                }
            }
        }
        return out
    }
}
