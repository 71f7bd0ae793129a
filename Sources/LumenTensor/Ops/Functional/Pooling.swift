import CLumenKernels
extension Tensor {
    /// Runs a 2-D op on a [N, C, H, W] tensor, or on [C, H, W] as a batch of one.
    func withBatchDim(_ op: String, _ body: (Tensor) -> Tensor) -> Tensor {
        precondition(rank == 3 || rank == 4, "\(op): expected a 3-D or 4-D input, got shape \(shape)")
        return rank == 4 ? body(self) : body(unsqueeze(dim: 0)).squeeze(dim: 0)
    }

    /// Gradient of a pooling whose outputs each came from one input position: output gradient
    /// `j` of plane `p` is added at `p · planeSize + index[j]`.
    static func scatterPlanes(_ grad: Tensor, indices: [Float], planes: Int, planeSize: Int, outSize: Int, shape: [Int]) -> Tensor {
        var g = [Float](repeating: 0, count: planes * planeSize)
        g.withUnsafeMutableBufferPointer { g in
            grad.storage.withUnsafeBufferPointer { gy in
                Parallel.forEachChunk(planes, cost: outSize) { range in
                    for p in range {
                        let plane = p &* planeSize, first = p &* outSize
                        for j in first..<(first &+ outSize) { g[plane &+ Int(indices[j])] += gy[j] }
                    }
                }
            }
        }
        return Tensor(storage: g, shape: shape)
    }

    /// Max pooling with the position of each maximum (index within its H×W plane), as
    /// `max_pool2d(..., return_indices=True)`; `stride` defaults to the kernel size.
    ///
    /// ```swift
    /// let (pooled, indices) = x.maxPool2dWithIndices(kernelSize: 3, stride: 2, padding: 1, ceilMode: true)
    /// ```
    public func maxPool2dWithIndices(
        kernelSize: Pair, stride: Pair? = nil, padding: Pair = 0, dilation: Pair = 1, ceilMode: Bool = false
    ) -> (values: Tensor, indices: Tensor) {
        var indices = Tensor(0)
        let values = withBatchDim("max_pool2d") { x in
            let pooled = x.maxPool4d(kernelSize: kernelSize, stride: stride ?? kernelSize, padding: padding, dilation: dilation, ceilMode: ceilMode)
            indices = pooled.indices
            return pooled.values
        }
        return (values, rank == 4 ? indices : indices.reshape(values.shape))
    }

    /// Max pooling over windows of `kernelSize` (`torch.nn.functional.max_pool2d`).
    ///
    /// ```swift
    /// x.maxPool2d(kernelSize: 2)   // [N, C, 28, 28] → [N, C, 14, 14]
    /// ```
    public func maxPool2d(kernelSize: Pair, stride: Pair? = nil, padding: Pair = 0, dilation: Pair = 1, ceilMode: Bool = false) -> Tensor {
        maxPool2dWithIndices(kernelSize: kernelSize, stride: stride, padding: padding, dilation: dilation, ceilMode: ceilMode).values
    }

    private func maxPool4d(kernelSize: Pair, stride: Pair, padding: Pair, dilation: Pair, ceilMode: Bool) -> (values: Tensor, indices: Tensor) {
        precondition(padding.height * 2 <= kernelSize.height && padding.width * 2 <= kernelSize.width,
                     "max_pool2d: pad should be at most half of effective kernel size, but got pad=\(padding.height), kernel_size=\(kernelSize.height)")
        let (n, c, h, w) = (shape[0], shape[1], shape[2], shape[3])
        let window = Window2D(height: h, width: w, kernel: kernelSize, stride: stride, padding: padding, dilation: dilation, ceilMode: ceilMode)
        let planes = n * c, outArea = window.outArea
        // The kernel taps inside the input for each output row and column, as half-open
        // ranges: the window loop then needs no bounds checks.
        let rowTaps = (0..<window.outHeight).flatMap { oh -> [Int] in
            let taps = taps(outIndex: oh, size: h, kernel: kernelSize.height, stride: stride.height, padding: padding.height, dilation: dilation.height)
            return [taps.lowerBound, taps.upperBound]
        }
        let columnTaps = (0..<window.outWidth).flatMap { ow -> [Int] in
            let taps = taps(outIndex: ow, size: w, kernel: kernelSize.width, stride: stride.width, padding: padding.width, dilation: dilation.width)
            return [taps.lowerBound, taps.upperBound]
        }
        // Every output and index is written below.
        var values = Kernels.array(planes * outArea) { _ in }
        var indices = Kernels.array(planes * outArea) { _ in }
        storage.withUnsafeBufferPointer { x in
            values.withUnsafeMutableBufferPointer { out in
                indices.withUnsafeMutableBufferPointer { idx in
                    rowTaps.withUnsafeBufferPointer { rows in
                        columnTaps.withUnsafeBufferPointer { columns in
                            var spec = lumen_pool_window(
                                out_height: window.outHeight, out_width: window.outWidth,
                                stride_h: stride.height, stride_w: stride.width, pad_h: padding.height, pad_w: padding.width,
                                dilation_h: dilation.height, dilation_w: dilation.width,
                                row_taps: rows.baseAddress, column_taps: columns.baseAddress)
                            withUnsafePointer(to: &spec) { spec in
                                Parallel.forEachChunk(planes, cost: outArea * window.kernelArea) { range in
                                    lumen_max_pool_planes(x.baseAddress, h, w, spec, kernelSize.height, kernelSize.width, range.lowerBound, range.upperBound,
                                                          out.baseAddress, idx.baseAddress)
                                }
                            }
                        }
                    }
                }
            }
        }
        let outShape = [n, c, window.outHeight, window.outWidth]
        let input = self
        let pooled = Self.result(values, shape: outShape, op: "MaxPool2DWithIndicesBackward0", inputs: [self]) { grad in
            [Self.scatterPlanes(grad, indices: indices, planes: planes, planeSize: h * w, outSize: outArea, shape: input.shape)]
        }
        return (pooled, Tensor(storage: indices, shape: outShape))
    }

    /// Average pooling (`torch.nn.functional.avg_pool2d`): with `countIncludePad` the padding
    /// counts in each divisor (clipped to the padded input), else only the input positions.
    ///
    /// ```swift
    /// x.avgPool2d(kernelSize: 2)
    /// ```
    public func avgPool2d(
        kernelSize: Pair, stride: Pair? = nil, padding: Pair = 0, ceilMode: Bool = false, countIncludePad: Bool = true,
        divisorOverride: Int? = nil
    ) -> Tensor {
        withBatchDim("avg_pool2d") { x in
            x.avgPool4d(kernelSize: kernelSize, stride: stride ?? kernelSize, padding: padding, ceilMode: ceilMode,
                        countIncludePad: countIncludePad, divisorOverride: divisorOverride)
        }
    }

    private func avgPool4d(kernelSize: Pair, stride: Pair, padding: Pair, ceilMode: Bool, countIncludePad: Bool, divisorOverride: Int?) -> Tensor {
        precondition(padding.height * 2 <= kernelSize.height && padding.width * 2 <= kernelSize.width,
                     "avg_pool2d: pad should be at most half of effective kernel size, but got pad=\(padding.height), kernel_size=\(kernelSize.height)")
        let (n, c, h, w) = (shape[0], shape[1], shape[2], shape[3])
        let window = Window2D(height: h, width: w, kernel: kernelSize, stride: stride, padding: padding, dilation: 1, ceilMode: ceilMode)
        let planes = n * c, outArea = window.outArea
        // One window per output: its clipped bounds and divisor, shared by forward and backward.
        var windows: [(h0: Int, h1: Int, w0: Int, w1: Int, scale: Float)] = []
        for oh in 0..<window.outHeight {
            for ow in 0..<window.outWidth {
                var h0 = oh * stride.height - padding.height, w0 = ow * stride.width - padding.width
                var h1 = Swift.min(h0 + kernelSize.height, h + padding.height), w1 = Swift.min(w0 + kernelSize.width, w + padding.width)
                let padded = (h1 - h0) * (w1 - w0)
                h0 = Swift.max(h0, 0); w0 = Swift.max(w0, 0); h1 = Swift.min(h1, h); w1 = Swift.min(w1, w)
                let divisor = divisorOverride ?? (countIncludePad ? padded : (h1 - h0) * (w1 - w0))
                windows.append((h0, h1, w0, w1, 1 / Float(divisor)))
            }
        }
        var values = [Float](repeating: 0, count: planes * outArea)
        storage.withUnsafeBufferPointer { x in
            values.withUnsafeMutableBufferPointer { out in
                Parallel.forEachChunk(planes, cost: outArea * window.kernelArea) { range in
                    for p in range {
                        let plane = x.baseAddress! + p &* h &* w
                        for (j, win) in windows.enumerated() {
                            var total: Float = 0
                            for ih in win.h0..<Swift.max(win.h0, win.h1) {
                                for iw in win.w0..<Swift.max(win.w0, win.w1) { total += plane[ih &* w &+ iw] }
                            }
                            out[p &* outArea &+ j] = total * win.scale
                        }
                    }
                }
            }
        }
        let input = self
        return Self.result(values, shape: [n, c, window.outHeight, window.outWidth], op: "AvgPool2DBackward0", inputs: [self]) { grad in
            var g = [Float](repeating: 0, count: input.count)
            g.withUnsafeMutableBufferPointer { g in
                grad.storage.withUnsafeBufferPointer { gy in
                    Parallel.forEachChunk(planes, cost: outArea * window.kernelArea) { range in
                        for p in range {
                            let plane = g.baseAddress! + p &* h &* w
                            for (j, win) in windows.enumerated() {
                                let share = gy[p &* outArea &+ j] * win.scale
                                for ih in win.h0..<Swift.max(win.h0, win.h1) {
                                    for iw in win.w0..<Swift.max(win.w0, win.w1) { plane[ih &* w &+ iw] += share }
                                }
                            }
                        }
                    }
                }
            }
            return [Tensor(storage: g, shape: input.shape)]
        }
    }

    /// The kernel taps k of a pooling window whose input index `outIndex · stride − padding +
    /// k · dilation` lies in `0..<size`.
    private func taps(outIndex: Int, size: Int, kernel: Int, stride: Int, padding: Int, dilation: Int) -> Range<Int> {
        let start = outIndex * stride - padding
        let low = (0..<kernel).first { start + $0 * dilation >= 0 } ?? kernel
        let high = (low..<kernel).last { start + $0 * dilation < size }.map { $0 + 1 } ?? low
        return low..<Swift.max(low, high)
    }
}
