extension Tensor {
    /// The input rows (or columns) that adaptive pooling's output `i` of `outSize` covers:
    /// from ⌊i·in/out⌋ to ⌈(i+1)·in/out⌉, as torch.
    static func adaptiveRange(_ i: Int, inSize: Int, outSize: Int) -> Range<Int> {
        (i * inSize / outSize)..<(((i + 1) * inSize + outSize - 1) / outSize)
    }

    /// Average pooling to a fixed output size (`adaptive_avg_pool2d`).
    ///
    /// ```swift
    /// features.adaptiveAvgPool2d(1)   // global average pooling: [N, C, H, W] → [N, C, 1, 1]
    /// ```
    public func adaptiveAvgPool2d(_ outputSize: Pair) -> Tensor {
        withBatchDim("adaptive_avg_pool2d") { x in x.adaptivePool(outputSize, max: false).values }
    }

    /// Max pooling to a fixed output size, with each maximum's index in its H×W plane.
    ///
    /// ```swift
    /// let (pooled, indices) = x.adaptiveMaxPool2d([2, 3])
    /// ```
    public func adaptiveMaxPool2d(_ outputSize: Pair) -> (values: Tensor, indices: Tensor) {
        var indices = Tensor(0)
        let values = withBatchDim("adaptive_max_pool2d") { x in
            let pooled = x.adaptivePool(outputSize, max: true)
            indices = pooled.indices
            return pooled.values
        }
        return (values, rank == 4 ? indices : indices.reshape(values.shape))
    }

    private func adaptivePool(_ size: Pair, max: Bool) -> (values: Tensor, indices: Tensor) {
        let (n, c, h, w) = (shape[0], shape[1], shape[2], shape[3])
        precondition(size.height > 0 && size.width > 0, "adaptive pooling: output size must be positive, got \(size)")
        let planes = n * c, outArea = size.height * size.width
        let rows = (0..<size.height).map { Self.adaptiveRange($0, inSize: h, outSize: size.height) }
        let cols = (0..<size.width).map { Self.adaptiveRange($0, inSize: w, outSize: size.width) }
        var values = [Float](repeating: 0, count: planes * outArea)
        var indices = [Float](repeating: 0, count: max ? planes * outArea : 0)
        storage.withUnsafeBufferPointer { x in
            values.withUnsafeMutableBufferPointer { out in
                indices.withUnsafeMutableBufferPointer { idx in
                    Parallel.forEachChunk(planes, cost: h * w) { range in
                        for p in range {
                            let plane = x.baseAddress! + p &* h &* w
                            for (oh, rowRange) in rows.enumerated() {
                                for (ow, colRange) in cols.enumerated() {
                                    var total: Float = 0, best = -Float.infinity, at = -1
                                    for ih in rowRange {
                                        for iw in colRange {
                                            let v = plane[ih &* w &+ iw]
                                            total += v
                                            if v > best || at < 0 || (v.isNaN && !best.isNaN) { best = v; at = ih &* w &+ iw }
                                        }
                                    }
                                    let j = p &* outArea &+ oh &* size.width &+ ow
                                    if max {
                                        out[j] = best
                                        idx[j] = Float(at)
                                    } else {
                                        out[j] = total / Float(rowRange.count * colRange.count)
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        let outShape = [n, c, size.height, size.width]
        let input = self
        if max {
            let pooled = Self.result(values, shape: outShape, op: "AdaptiveMaxPool2DBackward0", inputs: [self]) { grad in
                [Self.scatterPlanes(grad, indices: indices, planes: planes, planeSize: h * w, outSize: outArea, shape: input.shape)]
            }
            return (pooled, Tensor(storage: indices, shape: outShape))
        }
        let pooled = Self.result(values, shape: outShape, op: "AdaptiveAvgPool2DBackward0", inputs: [self]) { grad in
            var g = [Float](repeating: 0, count: input.count)
            g.withUnsafeMutableBufferPointer { g in
                grad.storage.withUnsafeBufferPointer { gy in
                    Parallel.forEachChunk(planes, cost: h * w) { range in
                        for p in range {
                            let plane = g.baseAddress! + p &* h &* w
                            for (oh, rowRange) in rows.enumerated() {
                                for (ow, colRange) in cols.enumerated() {
                                    let share = gy[p &* outArea &+ oh &* size.width &+ ow] / Float(rowRange.count * colRange.count)
                                    for ih in rowRange { for iw in colRange { plane[ih &* w &+ iw] += share } }
                                }
                            }
                        }
                    }
                }
            }
            return [Tensor(storage: g, shape: input.shape)]
        }
        return (pooled, Tensor(0))
    }
}
