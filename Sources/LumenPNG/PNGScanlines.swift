/// Undoes PNG's per-row filters and Adam7 interlacing, and unpacks samples of 1 to 16 bits.
enum PNGScanlines {
    /// One Adam7 pass (or the whole image when not interlaced): the pixels it holds start at
    /// (`x0`, `y0`) and step by (`dx`, `dy`).
    struct Pass {
        let x0, y0, dx, dy: Int
        let index: Int?

        func width(_ header: PNGHeader) -> Int { (header.width - x0 + dx - 1) / dx }
        func height(_ header: PNGHeader) -> Int { (header.height - y0 + dy - 1) / dy }
    }

    static func passes(_ header: PNGHeader) -> [Pass] {
        guard header.interlaced else { return [Pass(x0: 0, y0: 0, dx: 1, dy: 1, index: nil)] }
        let adam7 = [(0, 0, 8, 8), (4, 0, 8, 8), (0, 4, 4, 8), (2, 0, 4, 4), (0, 2, 2, 4), (1, 0, 2, 2), (0, 1, 1, 2)]
        return adam7.enumerated().map { Pass(x0: $1.0, y0: $1.1, dx: $1.2, dy: $1.3, index: $0 + 1) }
    }

    /// Bytes the inflated IDAT stream must hold: each non-empty pass's rows with a filter byte each.
    static func inflatedSize(_ header: PNGHeader) -> Int {
        passes(header).reduce(0) { total, pass in
            let (w, h) = (pass.width(header), pass.height(header))
            return w == 0 || h == 0 ? total : total + h * (1 + header.rowBytes(pixels: w))
        }
    }

    /// The samples of `header`'s image from its inflated IDAT bytes (unfiltered in place).
    static func samples(_ raw: inout [UInt8], header: PNGHeader) throws -> PNGSamples {
        let count = header.width * header.height * header.colorType.samplesPerPixel
        if header.bitDepth == 16 {
            var out = [UInt16](repeating: 0, count: count)
            try decodePasses(&raw, header: header) { pass, rows, width, height, stride in
                out.withUnsafeMutableBufferPointer { unpackWords(rows, into: $0, header: header, pass: pass, width: width, height: height, stride: stride) }
            }
            return .words(out)
        }
        var out = [UInt8](repeating: 0, count: count)
        try decodePasses(&raw, header: header) { pass, rows, width, height, stride in
            out.withUnsafeMutableBufferPointer { unpackBytes(rows, into: $0, header: header, pass: pass, width: width, height: height, stride: stride) }
        }
        return .bytes(out)
    }

    /// Unfilters each pass and hands its rows (each starting with its filter byte) to `unpack`.
    private static func decodePasses(
        _ raw: inout [UInt8], header: PNGHeader,
        unpack: (Pass, UnsafeBufferPointer<UInt8>, Int, Int, Int) -> Void
    ) throws {
        var start = 0
        for pass in passes(header) {
            let (w, h) = (pass.width(header), pass.height(header))
            guard w > 0, h > 0 else { continue }
            let stride = 1 + header.rowBytes(pixels: w)
            try raw.withUnsafeMutableBufferPointer { all in
                let rows = UnsafeMutableBufferPointer(rebasing: all[start..<start + h * stride])
                try unfilter(rows, rows: h, stride: stride, bytesPerPixel: max(1, header.bitsPerPixel / 8), pass: pass, start: start)
                unpack(pass, UnsafeBufferPointer(rows), w, h, stride)
            }
            start += h * stride
        }
    }

    /// Reverses filters None, Sub, Up, Average and Paeth row by row, in place.
    private static func unfilter(
        _ data: UnsafeMutableBufferPointer<UInt8>, rows: Int, stride: Int, bytesPerPixel bpp: Int, pass: Pass, start: Int
    ) throws {
        let rowBytes = stride - 1
        let zeros = [UInt8](repeating: 0, count: rowBytes)
        try zeros.withUnsafeBufferPointer { zeros in
            let base = data.baseAddress!
            for y in 0..<rows {
                let filter = base[y &* stride]
                let cur = base + (y &* stride &+ 1)
                let prev: UnsafePointer<UInt8> = y == 0 ? zeros.baseAddress! : UnsafePointer(cur - stride)
                switch filter {
                case 0:
                    break
                case 1:
                    if rowBytes > bpp { for i in bpp..<rowBytes { cur[i] &+= cur[i &- bpp] } }
                case 2:
                    for i in 0..<rowBytes { cur[i] &+= prev[i] }
                case 3:
                    for i in 0..<min(bpp, rowBytes) { cur[i] &+= prev[i] >> 1 }
                    if rowBytes > bpp {
                        for i in bpp..<rowBytes { cur[i] &+= UInt8(truncatingIfNeeded: (Int(cur[i &- bpp]) &+ Int(prev[i])) >> 1) }
                    }
                case 4:
                    for i in 0..<min(bpp, rowBytes) { cur[i] &+= prev[i] }
                    if rowBytes > bpp {
                        for i in bpp..<rowBytes {
                            let a = Int(cur[i &- bpp]), b = Int(prev[i]), c = Int(prev[i &- bpp])
                            let pa = abs(b &- c), pb = abs(a &- c), pc = abs(a &+ b &- c &- c)
                            cur[i] &+= UInt8(truncatingIfNeeded: pa <= pb && pa <= pc ? a : (pb <= pc ? b : c))
                        }
                    }
                default:
                    let passName = pass.index.map { " of Adam7 pass \($0)" } ?? ""
                    throw PNGError("PNG: unknown filter type \(filter) on row \(y)\(passName) (byte \(start + y * stride) of the inflated IDAT data; filter types are 0 to 4)")
                }
            }
        }
    }

    private static func unpackBytes(
        _ rows: UnsafeBufferPointer<UInt8>, into out: UnsafeMutableBufferPointer<UInt8>,
        header: PNGHeader, pass: Pass, width: Int, height: Int, stride: Int
    ) {
        let spp = header.colorType.samplesPerPixel
        let depth = header.bitDepth
        let mask = UInt8(truncatingIfNeeded: (1 << depth) - 1)
        for y in 0..<height {
            let src = y &* stride &+ 1
            let rowStart = (pass.y0 &+ y &* pass.dy) &* header.width
            if depth == 8 {
                for x in 0..<width {
                    let dst = (rowStart &+ pass.x0 &+ x &* pass.dx) &* spp
                    for c in 0..<spp { out[dst &+ c] = rows[src &+ x &* spp &+ c] }
                }
            } else {
                // Depths below 8 only occur with one sample per pixel, packed high bits first.
                for x in 0..<width {
                    let bit = x &* depth
                    let byte = rows[src &+ bit >> 3]
                    out[rowStart &+ pass.x0 &+ x &* pass.dx] = (byte >> UInt8(8 &- depth &- bit & 7)) & mask
                }
            }
        }
    }

    private static func unpackWords(
        _ rows: UnsafeBufferPointer<UInt8>, into out: UnsafeMutableBufferPointer<UInt16>,
        header: PNGHeader, pass: Pass, width: Int, height: Int, stride: Int
    ) {
        let spp = header.colorType.samplesPerPixel
        for y in 0..<height {
            let src = y &* stride &+ 1
            let rowStart = (pass.y0 &+ y &* pass.dy) &* header.width
            for x in 0..<width {
                let dst = (rowStart &+ pass.x0 &+ x &* pass.dx) &* spp
                for c in 0..<spp {
                    let at = src &+ (x &* spp &+ c) &* 2
                    out[dst &+ c] = UInt16(rows[at]) << 8 | UInt16(rows[at &+ 1])
                }
            }
        }
    }
}
