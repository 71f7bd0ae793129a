/// Resizes stacks of planes in two passes, as ATen's separable kernels: along each row first
/// (horizontal), then down the columns (vertical), each output sample a weighted sum of the
/// input samples its ``ResampleAxis`` lists, summed in torch's order.
enum SeparableResampler {
    /// `planes` planes of `height × width` resampled by `rows` (down the columns) and `columns`
    /// (along the rows); a `nil` axis keeps that size.
    static func resample(_ values: [Float], planes: Int, height: Int, width: Int,
                         rows: ResampleAxis?, columns: ResampleAxis?) -> [Float] {
        var current = values
        if let columns {
            current = horizontal(current, lines: planes * height, width: width, axis: columns)
        }
        if let rows {
            current = vertical(current, planes: planes, height: height, width: columns?.outputSize ?? width, axis: rows)
        }
        return current
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
                                for line in range {
                                    let input = src + line &* width
                                    let output = dst + line &* outWidth
                                    if axis.isNearest {
                                        for x in 0..<outWidth { output[x] = input[idx[x]] }
                                        continue
                                    }
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
