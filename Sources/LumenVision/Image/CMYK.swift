/// CMYK JPEG samples to RGB, as PIL opens a CMYK JPEG and converts it with `convert("RGB")`.
enum CMYK {
    /// RGB bytes from interleaved CMYK ones. With `inverted` (files carrying Adobe's APP14
    /// marker, which store 255 − ink, as PIL's raw mode "CMYK;I" reads them) every sample is
    /// flipped first. Then PIL's formula: with `n = 255 − K`, each of R, G, B is
    /// `n − round(C·n / 255)`, the rounded division done as PIL's `(t + (t >> 8)) >> 8` with
    /// `t = C·n + 128`.
    static func rgb(fromCMYK cmyk: [UInt8], inverted: Bool) -> [UInt8] {
        let pixels = cmyk.count / 4
        var rgb = [UInt8](repeating: 0, count: pixels * 3)
        let flip: UInt8 = inverted ? 255 : 0
        cmyk.withUnsafeBufferPointer { src in
            rgb.withUnsafeMutableBufferPointer { dst in
                for p in 0..<pixels {
                    let white = 255 &- Int(src[p &* 4 &+ 3] ^ flip)
                    for c in 0..<3 {
                        let t = Int(src[p &* 4 &+ c] ^ flip) &* white &+ 128
                        dst[p &* 3 &+ c] = UInt8(truncatingIfNeeded: max(0, white &- ((t &+ (t >> 8)) >> 8)))
                    }
                }
            }
        }
        return rgb
    }

    /// Whether the JPEG has an APP14 segment starting "Adobe" before its first scan.
    static func hasAdobeMarker(_ jpeg: [UInt8]) -> Bool {
        var offset = 2
        while offset + 4 <= jpeg.count, jpeg[offset] == 0xFF {
            let marker = jpeg[offset + 1]
            if marker == 0xDA { return false }
            let length = Int(jpeg[offset + 2]) << 8 | Int(jpeg[offset + 3])
            if marker == 0xEE, offset + 9 <= jpeg.count, Array(jpeg[offset + 4..<offset + 9]) == Array("Adobe".utf8) {
                return true
            }
            offset += 2 + length
        }
        return false
    }
}
