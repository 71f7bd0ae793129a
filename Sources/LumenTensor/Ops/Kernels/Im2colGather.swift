/// im2col and col2im for narrow outputs through a table of input offsets: copying rows of a few
/// floats one call at a time costs more than the copying, so each kernel tap's values are
/// gathered (and scattered back) through offsets worked out once per convolution.
extension Window2D {
    /// Outputs at most this wide unfold through an offset table.
    static let gatherWidth = 16

    /// Whether this window's outputs are narrow enough to unfold through an offset table.
    var gathers: Bool { outWidth <= Self.gatherWidth }

    /// For kernel tap t and output position p of the rows `outRows`, entry t · positions + p is
    /// the offset of the input value under that tap in its plane, or −1 in the padding.
    func inputOffsets(outRows: Range<Int>) -> [Int32] {
        let positions = outRows.count * outWidth
        var offsets = [Int32](repeating: -1, count: kernelArea * positions)
        for tap in 0..<kernelArea {
            let ki = tap / kernel.width, kj = tap % kernel.width
            for (r, oh) in outRows.enumerated() {
                let ih = oh * stride.height - padding.height + ki * dilation.height
                guard ih >= 0 && ih < height else { continue }
                for ow in 0..<outWidth {
                    let iw = ow * stride.width - padding.width + kj * dilation.width
                    guard iw >= 0 && iw < width else { continue }
                    offsets[tap * positions + r * outWidth + ow] = Int32(ih * width + iw)
                }
            }
        }
        return offsets
    }

    /// ``im2col(_:channels:_:outRows:leadingDimension:parallel:)`` through `offsets`, the
    /// ``inputOffsets(outRows:)`` of `outRows`.
    func gatherIm2col(_ image: UnsafePointer<Float>, channels: Int, _ columns: UnsafeMutablePointer<Float>,
                      outRows: Range<Int>, offsets: [Int32], leadingDimension ld: Int, parallel: Bool) {
        let positions = outRows.count &* outWidth, plane = height &* width
        offsets.withUnsafeBufferPointer { table in
            let table = table.baseAddress!
            Parallel.forEachChunk(channels * kernelArea, cost: parallel ? positions : 0) { range in
                for row in range {
                    let source = image + (row / kernelArea) &* plane
                    let taps = table + (row % kernelArea) &* positions
                    let dst = columns + row &* ld
                    var p = 0
                    while p < positions {
                        let offset = Int(taps[p])
                        dst[p] = offset >= 0 ? source[offset] : 0
                        p &+= 1
                    }
                }
            }
        }
    }

    /// ``col2im(_:channels:_:outRows:leadingDimension:parallel:)`` through `offsets`, the
    /// ``inputOffsets(outRows:)`` of `outRows`, adding in the same order (tap by tap, position
    /// by position).
    func scatterCol2im(_ columns: UnsafePointer<Float>, channels: Int, _ image: UnsafeMutablePointer<Float>,
                       outRows: Range<Int>, offsets: [Int32], leadingDimension ld: Int, parallel: Bool) {
        let positions = outRows.count &* outWidth, plane = height &* width
        offsets.withUnsafeBufferPointer { table in
            let table = table.baseAddress!
            Parallel.forEachChunk(channels, cost: parallel ? kernelArea * positions : 0) { range in
                for c in range {
                    let target = image + c &* plane
                    for tap in 0..<kernelArea {
                        let taps = table + tap &* positions
                        let src = columns + (c &* kernelArea &+ tap) &* ld
                        var p = 0
                        while p < positions {
                            let offset = Int(taps[p])
                            if offset >= 0 { target[offset] += src[p] }
                            p &+= 1
                        }
                    }
                }
            }
        }
    }
}
