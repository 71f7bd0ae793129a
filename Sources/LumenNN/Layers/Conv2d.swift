import LumenTensor

/// 2-D convolution over `[N, C, H, W]` inputs, as `torch.nn.Conv2d`.
///
/// `weight` is `[outChannels, inChannels / groups, kh, kw]`; weight and bias are drawn uniformly
/// from `±1/√fanIn` with `fanIn = inChannels / groups · kh · kw`, torch's default.
///
/// ### Example
/// ```swift
/// let conv = Conv2d(3, 16, kernelSize: 3, padding: 1)
/// let y = conv(Tensor.randn([8, 3, 32, 32]))   // [8, 16, 32, 32]
/// ```
public final class Conv2d: Module {
    /// `[outChannels, inChannels / groups, kh, kw]`.
    public let weight: Tensor
    /// `[outChannels]`, or `nil` when built with `bias: false`.
    public let bias: Tensor?
    public let inChannels: Int
    public let outChannels: Int
    public let kernelSize: Pair
    public let stride: Pair
    public let padding: Pair
    public let dilation: Pair
    public let groups: Int

    /// A convolution from `inChannels` to `outChannels` with the given window.
    ///
    /// ```swift
    /// let conv = Conv2d(1, 2, kernelSize: 3)
    /// ```
    public init(
        _ inChannels: Int, _ outChannels: Int, kernelSize: Pair, stride: Pair = 1, padding: Pair = 0,
        dilation: Pair = 1, groups: Int = 1, bias: Bool = true
    ) {
        precondition(groups > 0 && inChannels % groups == 0, "in_channels must be divisible by groups")
        precondition(outChannels % groups == 0, "out_channels must be divisible by groups")
        self.inChannels = inChannels
        self.outChannels = outChannels
        self.kernelSize = kernelSize
        self.stride = stride
        self.padding = padding
        self.dilation = dilation
        self.groups = groups
        let fanIn = inChannels / groups * kernelSize.height * kernelSize.width
        weight = Init.kaimingUniform([outChannels, inChannels / groups, kernelSize.height, kernelSize.width],
                                     fanIn: fanIn, a: Float(5).squareRoot())
        weight.requiresGrad = true
        self.bias = bias ? Init.uniform([outChannels], bound: 1 / Float(fanIn).squareRoot()) : nil
        self.bias?.requiresGrad = true
        super.init()
    }

    /// A convolution whose kernel is `kernelSize` in both directions.
    ///
    /// ```swift
    /// let conv = Conv2d(1, 2, 3)
    /// ```
    public convenience init(_ inChannels: Int, _ outChannels: Int, _ kernelSize: Int, stride: Pair = 1, padding: Pair = 0) {
        self.init(inChannels, outChannels, kernelSize: Pair(kernelSize, kernelSize), stride: stride, padding: padding)
    }

    public override var extraDescription: String {
        var text = "\(inChannels), \(outChannels), kernel_size=\(PythonLiteral.tuple(kernelSize)), stride=\(PythonLiteral.tuple(stride))"
        if padding != 0 { text += ", padding=\(PythonLiteral.tuple(padding))" }
        if dilation != 1 { text += ", dilation=\(PythonLiteral.tuple(dilation))" }
        if groups != 1 { text += ", groups=\(groups)" }
        if bias == nil { text += ", bias=False" }
        return text
    }

    public override func forward(_ input: Tensor) -> Tensor {
        input.conv2d(weight, bias: bias, stride: stride, padding: padding, dilation: dilation, groups: groups)
    }
}
