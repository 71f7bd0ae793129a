/// The geometry of a 2-D sliding window over one image plane.
struct Window2D {
    let height: Int, width: Int
    let kernel: Pair, stride: Pair, padding: Pair, dilation: Pair
    let outHeight: Int, outWidth: Int

    /// The window's geometry; the output size rounds down, or up with `ceilMode` (a window
    /// must still start inside the input or the left padding, as torch requires).
    init(height: Int, width: Int, kernel: Pair, stride: Pair, padding: Pair, dilation: Pair, ceilMode: Bool = false) {
        self.height = height
        self.width = width
        self.kernel = kernel
        self.stride = stride
        self.padding = padding
        self.dilation = dilation
        func size(_ input: Int, _ k: Int, _ s: Int, _ p: Int, _ d: Int) -> Int {
            let span = input + 2 * p - d * (k - 1) - 1
            guard span >= 0 else { return 0 }
            var out = (ceilMode ? (span + s - 1) / s : span / s) + 1
            if ceilMode && (out - 1) * s >= input + p { out -= 1 }
            return out
        }
        outHeight = size(height, kernel.height, stride.height, padding.height, dilation.height)
        outWidth = size(width, kernel.width, stride.width, padding.width, dilation.width)
    }

    var kernelArea: Int { kernel.height * kernel.width }
    var outArea: Int { outHeight * outWidth }

    /// Output columns `ow` whose input column `ow·s − p + offset` lies inside the image.
    @inline(__always)
    func validColumns(offset: Int) -> Range<Int> {
        let s = stride.width
        let low = Swift.max(0, (padding.width - offset + s - 1) / s)
        let high = Swift.min(outWidth, Swift.max(low, (width + padding.width - offset + s - 1) / s))
        return low..<high
    }

    /// Unfolds `channels` planes at `image` into `columns` for the output rows `outRows`:
    /// row (c, ki, kj), `leadingDimension` floats apart (by default the block's positions),
    /// holds, for each of those output positions, the input value under kernel tap (ki, kj)
    /// (0 in the padding). Narrow outputs (``gathers``) go through `offsets`, the
    /// ``inputOffsets(outRows:)`` of `outRows`, when given.
    func im2col(_ image: UnsafePointer<Float>, channels: Int, _ columns: UnsafeMutablePointer<Float>,
                outRows: Range<Int>? = nil, offsets: [Int32]? = nil, leadingDimension: Int? = nil, parallel: Bool = true) {
        let outRows = outRows ?? 0..<outHeight
        let rows = channels * kernelArea, blockArea = outRows.count &* outWidth
        let ld = leadingDimension ?? blockArea
        if let offsets {
            gatherIm2col(image, channels: channels, columns, outRows: outRows, offsets: offsets, leadingDimension: ld, parallel: parallel)
            return
        }
        Parallel.forEachChunk(rows, cost: parallel ? blockArea : 0) { range in
            for row in range {
                let c = row / kernelArea, ki = (row / kernel.width) % kernel.height, kj = row % kernel.width
                let plane = image + c &* height &* width
                let hOffset = ki * dilation.height - padding.height, wOffset = kj * dilation.width
                let valid = validColumns(offset: wOffset)
                let sw = stride.width
                for oh in outRows {
                    let dst = columns + (row &* ld &+ (oh &- outRows.lowerBound) &* outWidth)
                    let ih = oh * stride.height + hOffset
                    guard ih >= 0 && ih < height, !valid.isEmpty else {
                        dst.initialize(repeating: 0, count: outWidth)
                        continue
                    }
                    dst.initialize(repeating: 0, count: valid.lowerBound)
                    let src = plane + (ih &* width &+ wOffset &- padding.width)
                    if sw == 1 {
                        (dst + valid.lowerBound).initialize(from: src + valid.lowerBound, count: valid.count)
                    } else {
                        var ow = valid.lowerBound
                        while ow < valid.upperBound {
                            dst[ow] = src[ow &* sw]
                            ow &+= 1
                        }
                    }
                    (dst + valid.upperBound).initialize(repeating: 0, count: outWidth - valid.upperBound)
                }
            }
        }
    }

    /// The adjoint of ``im2col(_:channels:_:outRows:offsets:leadingDimension:parallel:)``: adds
    /// every column entry back onto the input position it was read from. Threads split by
    /// channel, so no two write the same plane.
    func col2im(_ columns: UnsafePointer<Float>, channels: Int, _ image: UnsafeMutablePointer<Float>,
                outRows: Range<Int>? = nil, offsets: [Int32]? = nil, leadingDimension: Int? = nil, parallel: Bool = true) {
        let outRows = outRows ?? 0..<outHeight
        let blockArea = outRows.count &* outWidth
        let ld = leadingDimension ?? blockArea
        if let offsets {
            scatterCol2im(columns, channels: channels, image, outRows: outRows, offsets: offsets, leadingDimension: ld, parallel: parallel)
            return
        }
        Parallel.forEachChunk(channels, cost: parallel ? kernelArea * blockArea : 0) { range in
            for c in range {
                let plane = image + c &* height &* width
                for tap in 0..<kernelArea {
                    let ki = tap / kernel.width, kj = tap % kernel.width
                    let row = c * kernelArea + tap
                    let hOffset = ki * dilation.height - padding.height, wOffset = kj * dilation.width
                    let valid = validColumns(offset: wOffset)
                    let sw = stride.width
                    for oh in outRows {
                        let ih = oh * stride.height + hOffset
                        guard ih >= 0 && ih < height else { continue }
                        let src = columns + (row &* ld &+ (oh &- outRows.lowerBound) &* outWidth)
                        let dst = plane + (ih &* width &+ wOffset &- padding.width)
                        if sw == 1 {
                            for ow in valid { dst[ow] += src[ow] }
                        } else {
                            var ow = valid.lowerBound
                            while ow < valid.upperBound {
                                dst[ow &* sw] += src[ow]
                                ow &+= 1
                            }
                        }
                    }
                }
            }
        }
    }
}
