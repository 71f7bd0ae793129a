/// Resizes stacks of planes in two passes, as ATen's separable kernels: along the rows
/// (horizontal) and down the columns (vertical), each output sample a weighted sum of the input
/// samples its ``ResampleAxis`` lists, summed tap by tap in torch's order.
///
/// The vertical pass adds whole rows (contiguous, vectorized); the horizontal pass gathers, so
/// it runs on whichever side has fewer rows: after the vertical pass when the height shrinks
/// (torch always goes horizontal first; the two orders differ only by rounding).
enum SeparableResampler {
    /// `planes` planes of `height × width` resampled by `rows` (down the columns) and `columns`
    /// (along the rows); a `nil` axis keeps that size.
    static func resample(_ values: [Float], planes: Int, height: Int, width: Int,
                         rows: ResampleAxis?, columns: ResampleAxis?) -> [Float] {
        guard let rows else {
            return columns.map { horizontal(values, lines: planes * height, width: width, axis: $0) } ?? values
        }
        guard let columns else {
            return vertical(values, planes: planes, height: height, width: width, axis: rows)
        }
        if rows.outputSize < height {
            let shorter = vertical(values, planes: planes, height: height, width: width, axis: rows)
            return horizontal(shorter, lines: planes * rows.outputSize, width: width, axis: columns)
        }
        let narrower = horizontal(values, lines: planes * height, width: width, axis: columns)
        return vertical(narrower, planes: planes, height: height, width: columns.outputSize, axis: rows)
    }

    /// Each of `lines` rows of `width` samples becomes `axis.outputSize` samples.
    private static func horizontal(_ values: [Float], lines: Int, width: Int, axis: ResampleAxis) -> [Float] {
        let outWidth = axis.outputSize, stride = axis.stride
        var result = [Float](repeating: 0, count: lines * outWidth)
        values.withUnsafeBufferPointer { source in
            result.withUnsafeMutableBufferPointer { target in
                axis.indices.withUnsafeBufferPointer { indices in
                    axis.weights.withUnsafeBufferPointer { weights in
                        axis.counts.withUnsafeBufferPointer { counts in
                            let (src, dst) = (source.baseAddress!, target.baseAddress!)
                            let (idx, wts, cnt) = (indices.baseAddress!, weights.baseAddress!, counts.baseAddress!)
                            parallelChunks(lines, cost: outWidth &* stride) { range in
                                var line = range.lowerBound
                                if axis.isNearest {
                                    for line in range {
                                        let (input, output) = (src + line &* width, dst + line &* outWidth)
                                        for x in 0..<outWidth { output[x] = input[idx[x]] }
                                    }
                                    return
                                }
                                // Four rows at a time share each output's taps and keep four
                                // independent sums in flight.
                                while line &+ 4 <= range.upperBound {
                                    let i0 = src + line &* width, i1 = i0 + width, i2 = i1 + width, i3 = i2 + width
                                    let o0 = dst + line &* outWidth, o1 = o0 + outWidth, o2 = o1 + outWidth, o3 = o2 + outWidth
                                    for x in 0..<outWidth {
                                        let first = x &* stride
                                        var k = idx[first], w = wts[first]
                                        var (s0, s1, s2, s3) = (i0[k] * w, i1[k] * w, i2[k] * w, i3[k] * w)
                                        var j = 1
                                        let n = cnt[x]
                                        while j < n {
                                            k = idx[first &+ j]
                                            w = wts[first &+ j]
                                            s0 += i0[k] * w
                                            s1 += i1[k] * w
                                            s2 += i2[k] * w
                                            s3 += i3[k] * w
                                            j &+= 1
                                        }
                                        (o0[x], o1[x], o2[x], o3[x]) = (s0, s1, s2, s3)
                                    }
                                    line &+= 4
                                }
                                while line < range.upperBound {
                                    let (input, output) = (src + line &* width, dst + line &* outWidth)
                                    for x in 0..<outWidth {
                                        let first = x &* stride
                                        var sum = input[idx[first]] * wts[first]
                                        var j = 1
                                        let n = cnt[x]
                                        while j < n {
                                            sum += input[idx[first &+ j]] * wts[first &+ j]
                                            j &+= 1
                                        }
                                        output[x] = sum
                                    }
                                    line &+= 1
                                }
                            }
                        }
                    }
                }
            }
        }
        return result
    }

    /// Each plane's `height` rows become `axis.outputSize` rows, each a weighted sum of whole
    /// input rows (a loop over contiguous samples that vectorizes).
    private static func vertical(_ values: [Float], planes: Int, height: Int, width: Int, axis: ResampleAxis) -> [Float] {
        let outHeight = axis.outputSize, stride = axis.stride
        var result = [Float](repeating: 0, count: planes * outHeight * width)
        values.withUnsafeBufferPointer { source in
            result.withUnsafeMutableBufferPointer { target in
                axis.indices.withUnsafeBufferPointer { indices in
                    axis.weights.withUnsafeBufferPointer { weights in
                        axis.counts.withUnsafeBufferPointer { counts in
                            let (src, dst) = (source.baseAddress!, target.baseAddress!)
                            let (idx, wts, cnt) = (indices.baseAddress!, weights.baseAddress!, counts.baseAddress!)
                            parallelChunks(planes &* outHeight, cost: width &* stride) { range in
                                for line in range {
                                    let (plane, y) = line.quotientAndRemainder(dividingBy: outHeight)
                                    let input = src + plane &* height &* width
                                    let output = dst + line &* width
                                    let first = y &* stride
                                    let row0 = input + idx[first] &* width
                                    if axis.isNearest {
                                        output.update(from: row0, count: width)
                                        continue
                                    }
                                    let w0 = wts[first]
                                    for x in 0..<width { output[x] = row0[x] * w0 }
                                    var j = 1
                                    let n = cnt[y]
                                    while j < n {
                                        let row = input + idx[first &+ j] &* width
                                        let w = wts[first &+ j]
                                        for x in 0..<width { output[x] += row[x] * w }
                                        j &+= 1
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        return result
    }
}
