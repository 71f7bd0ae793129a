extension Tensor {
    /// 2-D convolution (cross-correlation) of a [N, C, H, W] input with [K, C/groups, kh, kw]
    /// weights, as `torch.nn.functional.conv2d`: im2col per image and group, then one GEMM.
    ///
    /// ```swift
    /// let y = x.conv2d(w, bias: b, stride: 1, padding: 1)   // [32, 64, 56, 56] → [32, 64, 56, 56]
    /// ```
    public func conv2d(
        _ weight: Tensor, bias: Tensor? = nil, stride: Pair = 1, padding: Pair = 0, dilation: Pair = 1, groups: Int = 1
    ) -> Tensor {
        precondition(rank == 4, "conv2d: expected a 4-D input [N, C, H, W], got shape \(shape)")
        precondition(weight.rank == 4, "conv2d: expected 4-D weight [K, C/groups, kh, kw], got shape \(weight.shape)")
        let (n, c, h, w) = (shape[0], shape[1], shape[2], shape[3])
        let k = weight.shape[0]
        precondition(groups > 0 && c % groups == 0 && k % groups == 0 && weight.shape[1] * groups == c,
                     "conv2d: Given groups=\(groups), weight of size \(weight.shape), expected input\(shape) to have \(weight.shape[1] * groups) channels, but got \(c) channels instead")
        if let bias { precondition(bias.shape == [k], "conv2d: bias of shape \(bias.shape) does not match \(k) output channels") }
        let window = Window2D(height: h, width: w, kernel: Pair(weight.shape[2], weight.shape[3]),
                              stride: stride, padding: padding, dilation: dilation)
        precondition(window.outHeight > 0 && window.outWidth > 0,
                     "conv2d: Calculated output size: (\(k)x\(window.outHeight)x\(window.outWidth)). Output size is too small (input \(shape), kernel \(weight.shape))")
        let geometry = ConvGeometry(batch: n, channels: c, outChannels: k, groups: groups, window: window)
        let values = geometry.forward(storage, weight.storage, bias?.storage)
        let input = self
        let needs = (input: requiresGrad, weight: weight.requiresGrad, bias: bias?.requiresGrad ?? false)
        let outShape = [n, k, window.outHeight, window.outWidth]
        return Self.result(values, shape: outShape, op: "ConvolutionBackward0", inputs: [self, weight] + (bias.map { [$0] } ?? [])) { grad in
            let (gInput, gWeight) = geometry.backward(grad.storage, input.storage, weight.storage,
                                                      needInput: needs.input, needWeight: needs.weight)
            var grads: [Tensor?] = [gInput.map { Tensor(storage: $0, shape: input.shape) },
                                    gWeight.map { Tensor(storage: $0, shape: weight.shape) }]
            if bias != nil { grads.append(needs.bias ? grad.sum(dims: [0, 2, 3]) : nil) }
            return grads
        }
    }
}
