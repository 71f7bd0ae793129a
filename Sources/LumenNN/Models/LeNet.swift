import LumenTensor

/// LeNet-5 for 3×32×32 images, the classic course network: two 5×5 convolutions, each followed
/// by ReLU and 2×2 max pooling (applied as functions, so they are not modules), then three fully
/// connected layers. With 10 classes it has 62,006 parameters.
///
/// Parameter names follow the PyTorch definition (`conv1.weight`, …, `fc3.bias`), so its state
/// dict loads from and saves to PyTorch.
///
/// ### Example
/// ```swift
/// let net = LeNet(classes: 10)
/// let logits = net(Tensor.randn([64, 3, 32, 32]))   // [64, 10]
/// ```
public final class LeNet: Module {
    public let conv1 = Conv2d(3, 6, 5)
    public let conv2 = Conv2d(6, 16, 5)
    public let fc1 = Linear(16 * 5 * 5, 120)
    public let fc2 = Linear(120, 84)
    public let fc3: Linear

    /// A LeNet whose last layer has `classes` outputs.
    ///
    /// ```swift
    /// let net = LeNet(classes: 2)
    /// ```
    public init(classes: Int = 10) {
        fc3 = Linear(84, classes)
        super.init()
    }

    public override func forward(_ x: Tensor) -> Tensor {
        var out = conv1(x).relu().maxPool2d(kernelSize: 2)
        out = conv2(out).relu().maxPool2d(kernelSize: 2)
        out = out.view([out.shape[0], -1])
        out = fc1(out).relu()
        out = fc2(out).relu()
        return fc3(out)
    }
}
