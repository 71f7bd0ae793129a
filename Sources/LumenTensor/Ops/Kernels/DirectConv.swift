import CLumenKernels

/// Direct convolution (CLumenKernels' conv_direct.c) for layers with few channels, as in LeNet
/// or a small CNN's first layers. There, im2col + GEMM multiplies matrices a few rows tall and
/// spends its time packing and calling the GEMM; the direct loops keep channels in the vector
/// lanes instead. Which loop runs where was measured on both paths (the `…Applies` rules).
struct DirectConv {
    let geometry: ConvGeometry
    var window: Window2D { geometry.window }

    /// The most channels the direct loops keep in vector lanes (four vectors of eight).
    private static let maxLaneChannels = 32

    /// What every direct loop needs: one group, a kernel larger than 1×1, stride 1 (at stride
    /// 2 the im2col path measured faster) and something to compute.
    private var eligible: Bool {
        geometry.groups == 1 && window.kernelArea > 1 && window.stride == Pair(1, 1)
            && geometry.channels > 0 && geometry.outChannels > 0 && window.outArea > 0
    }

    /// The forward loop takes up to 16 output channels. Measured against im2col + GEMM
    /// (OpenBLAS, 2 threads): LeNet's 3→6 and 6→16 5×5 layers 2.3× and 1.3× faster; 16→32 and
    /// 32→32 3×3 layers 1.2× slower.
    var forwardApplies: Bool { eligible && geometry.outChannels <= 16 }

    /// The weight-gradient loop takes up to 32 output channels: 1.2× (32→32 3×3) to 2.8×
    /// (LeNet's first layer) faster than im2col + GEMM.
    var weightGradientApplies: Bool { eligible && geometry.outChannels <= Self.maxLaneChannels }

    /// The input gradient runs as a direct convolution of the padded output gradient with the
    /// flipped kernel when the input has 16 to 32 channels (fewer leave lanes empty: with 1 or
    /// 6 channels it measured 1.7–2.9× slower than im2col) and the padding is no wider than the
    /// kernel's reach (so the output gradient's padding is not negative).
    var inputGradientApplies: Bool {
        eligible && (16...Self.maxLaneChannels).contains(geometry.channels)
            && window.padding.height <= window.dilation.height * (window.kernel.height - 1)
            && window.padding.width <= window.dilation.width * (window.kernel.width - 1)
    }

    /// `count` rounded up to a whole number of eight-float vectors.
    private static func lanes(_ count: Int) -> Int { (count + 7) / 8 * 8 }

    /// [K][C][KH][KW] weights as [C][KH][KW][K rounded up to 8], or with `flipped` as the
    /// input gradient's [K][KH][KW][C rounded up to 8] with the kernel turned by 180°.
    private func laneWeights(_ weight: [Float], flipped: Bool) -> [Float] {
        let (k, c, kh, kw) = (geometry.outChannels, geometry.channels, window.kernel.height, window.kernel.width)
        let lanes = Self.lanes(flipped ? c : k), area = kh * kw
        var out = [Float](repeating: 0, count: (flipped ? k : c) * area * lanes)
        for o in 0..<k {
            for i in 0..<c {
                for tap in 0..<area {
                    let value = weight[(o * c + i) * area + tap]
                    if flipped {
                        out[(o * area + (area - 1 - tap)) * lanes + i] = value
                    } else {
                        out[(i * area + tap) * lanes + o] = value
                    }
                }
            }
        }
        return out
    }

    /// `planes` planes of height × width with `pad` zeros around each (the planes themselves
    /// when there is no padding).
    private static func padded(_ x: [Float], planes: Int, height: Int, width: Int, pad: Pair) -> [Float] {
        guard pad != Pair(0, 0) else { return x }
        let (ph, pw) = (height + 2 * pad.height, width + 2 * pad.width)
        var out = [Float](repeating: 0, count: planes * ph * pw)
        x.withUnsafeBufferPointer { src in
            out.withUnsafeMutableBufferPointer { dst in
                Parallel.forEachChunk(planes, cost: height * width) { range in
                    for p in range {
                        for r in 0..<height {
                            (dst.baseAddress! + (p * ph + r + pad.height) * pw + pad.width)
                                .update(from: src.baseAddress! + (p * height + r) * width, count: width)
                        }
                    }
                }
            }
        }
        return out
    }

    /// Runs the forward loop over every image: `input` is [N][channels][in_height][in_width],
    /// already padded, `laneWeights` as the C header describes.
    private static func run(
        _ shape: lumen_conv_shape, batch: Int, input: [Float], laneWeights: [Float], bias: [Float]?
    ) -> [Float] {
        var shape = shape
        let inImage = shape.channels * shape.in_height * shape.in_width
        let outImage = shape.out_channels * shape.out_height * shape.out_width
        let rows = shape.out_height
        let cost = shape.out_channels * shape.channels * shape.kernel_h * shape.kernel_w * shape.out_width
        return input.withUnsafeBufferPointer { x in
            laneWeights.withUnsafeBufferPointer { w in
                Kernels.array(batch * outImage) { out in
                    withUnsafePointer(to: &shape) { shape in
                        withOptionalPointer(bias) { b in
                            // Units are output rows of the batch, image by image.
                            Parallel.forEachChunk(batch * rows, cost: cost) { units in
                                var unit = units.lowerBound
                                while unit < units.upperBound {
                                    let image = unit / rows, first = unit % rows
                                    let last = Swift.min(rows, first + (units.upperBound - unit))
                                    lumen_conv_direct_forward(shape, x.baseAddress! + image * inImage, w.baseAddress!, b,
                                                              out + image * outImage, first, last)
                                    unit += last - first
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    /// The convolution as the C loops see it, over the zero-padded input.
    private var paddedShape: lumen_conv_shape {
        lumen_conv_shape(
            channels: geometry.channels, in_height: window.height + 2 * window.padding.height,
            in_width: window.width + 2 * window.padding.width, out_channels: geometry.outChannels,
            out_height: window.outHeight, out_width: window.outWidth, kernel_h: window.kernel.height, kernel_w: window.kernel.width,
            stride_h: window.stride.height, stride_w: window.stride.width,
            dilation_h: window.dilation.height, dilation_w: window.dilation.width)
    }

    /// The input with the convolution's zero padding around each plane.
    private func paddedInput(_ input: [Float]) -> [Float] {
        Self.padded(input, planes: geometry.batch * geometry.channels, height: window.height, width: window.width,
                    pad: window.padding)
    }

    /// The output: bias plus the convolution of every image.
    func forward(_ input: [Float], _ weight: [Float], _ bias: [Float]?) -> [Float] {
        Self.run(paddedShape, batch: geometry.batch, input: paddedInput(input), laneWeights: laneWeights(weight, flipped: false),
                 bias: bias)
    }

    /// The input gradient (when ``inputGradientApplies``): the output gradient padded by the
    /// kernel's reach less the padding, convolved with the flipped kernel, channels swapped.
    func inputGradient(_ grad: [Float], _ weight: [Float]) -> [Float] {
        let pad = Pair(window.dilation.height * (window.kernel.height - 1) - window.padding.height,
                       window.dilation.width * (window.kernel.width - 1) - window.padding.width)
        let g = Self.padded(grad, planes: geometry.batch * geometry.outChannels, height: window.outHeight, width: window.outWidth,
                            pad: pad)
        let shape = lumen_conv_shape(
            channels: geometry.outChannels, in_height: window.outHeight + 2 * pad.height,
            in_width: window.outWidth + 2 * pad.width, out_channels: geometry.channels,
            out_height: window.height, out_width: window.width, kernel_h: window.kernel.height, kernel_w: window.kernel.width,
            stride_h: 1, stride_w: 1, dilation_h: window.dilation.height, dilation_w: window.dilation.width)
        return Self.run(shape, batch: geometry.batch, input: g, laneWeights: laneWeights(weight, flipped: true), bias: nil)
    }

    /// The weight gradient: each (input channel, kernel row) summed over every image and
    /// output position, split across threads by those pairs (no partial sums to add up).
    func weightGradient(_ grad: [Float], _ input: [Float]) -> [Float] {
        let (n, k, c) = (geometry.batch, geometry.outChannels, geometry.channels)
        let (kh, kw, outArea) = (window.kernel.height, window.kernel.width, window.outArea)
        let lanes = Self.lanes(k)
        let x = paddedInput(input)
        // The output gradient with its channels last, zero past K.
        var channelsLast = [Float](repeating: 0, count: n * outArea * lanes)
        grad.withUnsafeBufferPointer { gy in
            channelsLast.withUnsafeMutableBufferPointer { gt in
                Parallel.forEachChunk(n, cost: k * outArea) { images in
                    for i in images {
                        for o in 0..<k {
                            let plane = gy.baseAddress! + (i * k + o) * outArea, column = gt.baseAddress! + i * outArea * lanes + o
                            for j in 0..<outArea { column[j * lanes] = plane[j] }
                        }
                    }
                }
            }
        }
        var shape = paddedShape
        var laneGradient = [Float](repeating: 0, count: c * kh * kw * lanes)
        x.withUnsafeBufferPointer { x in
            channelsLast.withUnsafeBufferPointer { gt in
                laneGradient.withUnsafeMutableBufferPointer { gw in
                    withUnsafePointer(to: &shape) { shape in
                        Parallel.forEachChunk(c * kh, cost: n * outArea * kw * lanes) { units in
                            lumen_conv_direct_weight_gradient(shape, x.baseAddress!, gt.baseAddress!, 0, n,
                                                              units.lowerBound, units.upperBound, gw.baseAddress!)
                        }
                    }
                }
            }
        }
        let area = kh * kw
        return Kernels.array(k * c * area) { out in
            for o in 0..<k {
                for i in 0..<c {
                    for tap in 0..<area { out[(o * c + i) * area + tap] = laneGradient[(i * area + tap) * lanes + o] }
                }
            }
        }
    }
}

/// `body` with the address of `values`' elements, or with nil when there are none.
private func withOptionalPointer<Result>(_ values: [Float]?, _ body: (UnsafePointer<Float>?) -> Result) -> Result {
    guard let values else { return body(nil) }
    return values.withUnsafeBufferPointer { body($0.baseAddress) }
}
