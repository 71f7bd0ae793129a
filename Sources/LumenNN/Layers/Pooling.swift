import LumenTensor

/// Max pooling over `[N, C, H, W]` (or `[C, H, W]`) inputs, as `torch.nn.MaxPool2d`; `stride`
/// defaults to the kernel size.
///
/// ### Example
/// ```swift
/// let pool = MaxPool2d(2, stride: 2)
/// pool(Tensor.ones([1, 2, 4, 4])).shape   // [1, 2, 2, 2]
/// ```
public final class MaxPool2d: Module {
    public let kernelSize: Pair
    public let stride: Pair
    public let padding: Pair
    public let dilation: Pair
    public let ceilMode: Bool

    /// A max pooling layer; `stride` defaults to `kernelSize`.
    ///
    /// ```swift
    /// let pool = MaxPool2d(3, stride: 2, padding: 1)
    /// ```
    public init(_ kernelSize: Pair, stride: Pair? = nil, padding: Pair = 0, dilation: Pair = 1, ceilMode: Bool = false) {
        self.kernelSize = kernelSize
        self.stride = stride ?? kernelSize
        self.padding = padding
        self.dilation = dilation
        self.ceilMode = ceilMode
        super.init()
    }

    public override var extraDescription: String {
        "kernel_size=\(PythonLiteral.size(kernelSize)), stride=\(PythonLiteral.size(stride)), padding=\(PythonLiteral.size(padding)), "
            + "dilation=\(PythonLiteral.size(dilation)), ceil_mode=\(PythonLiteral.bool(ceilMode))"
    }

    public override func forward(_ input: Tensor) -> Tensor {
        input.maxPool2d(kernelSize: kernelSize, stride: stride, padding: padding, dilation: dilation, ceilMode: ceilMode)
    }
}

/// Average pooling, as `torch.nn.AvgPool2d`; `stride` defaults to the kernel size.
///
/// ### Example
/// ```swift
/// AvgPool2d(2)(Tensor.ones([1, 1, 4, 4])).shape   // [1, 1, 2, 2]
/// ```
public final class AvgPool2d: Module {
    public let kernelSize: Pair
    public let stride: Pair
    public let padding: Pair
    public let ceilMode: Bool
    public let countIncludePad: Bool
    public let divisorOverride: Int?

    /// An average pooling layer; `stride` defaults to `kernelSize`.
    ///
    /// ```swift
    /// let pool = AvgPool2d(3, stride: 1, padding: 1, countIncludePad: false)
    /// ```
    public init(
        _ kernelSize: Pair, stride: Pair? = nil, padding: Pair = 0, ceilMode: Bool = false,
        countIncludePad: Bool = true, divisorOverride: Int? = nil
    ) {
        self.kernelSize = kernelSize
        self.stride = stride ?? kernelSize
        self.padding = padding
        self.ceilMode = ceilMode
        self.countIncludePad = countIncludePad
        self.divisorOverride = divisorOverride
        super.init()
    }

    public override var extraDescription: String {
        "kernel_size=\(PythonLiteral.size(kernelSize)), stride=\(PythonLiteral.size(stride)), padding=\(PythonLiteral.size(padding))"
    }

    public override func forward(_ input: Tensor) -> Tensor {
        input.avgPool2d(kernelSize: kernelSize, stride: stride, padding: padding, ceilMode: ceilMode,
                        countIncludePad: countIncludePad, divisorOverride: divisorOverride)
    }
}

/// Average pooling to a fixed output size whatever the input size, as
/// `torch.nn.AdaptiveAvgPool2d`.
///
/// ### Example
/// ```swift
/// AdaptiveAvgPool2d(1)(Tensor.randn([8, 512, 7, 7])).shape   // [8, 512, 1, 1]
/// ```
public final class AdaptiveAvgPool2d: Module {
    public let outputSize: Pair
    /// Whether the size was given as one number (printed `output_size=1`) rather than as a pair
    /// (`output_size=(1, 1)`), as torch prints what it was given.
    private let givenAsOneNumber: Bool

    /// A layer whose output is `outputSize` (height, width).
    ///
    /// ```swift
    /// let pool = AdaptiveAvgPool2d([2, 3])
    /// ```
    public init(_ outputSize: Pair) {
        self.outputSize = outputSize
        givenAsOneNumber = false
        super.init()
    }

    /// A layer whose output is `size` × `size`.
    ///
    /// ```swift
    /// let pool = AdaptiveAvgPool2d(1)
    /// ```
    public init(_ size: Int) {
        outputSize = Pair(size, size)
        givenAsOneNumber = true
        super.init()
    }

    public override var extraDescription: String {
        "output_size=\(givenAsOneNumber ? "\(outputSize.height)" : PythonLiteral.tuple(outputSize))"
    }

    public override func forward(_ input: Tensor) -> Tensor { input.adaptiveAvgPool2d(outputSize) }
}
