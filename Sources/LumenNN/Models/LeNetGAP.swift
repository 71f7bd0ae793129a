import LumenTensor

/// A LeNet-style network whose head is global average pooling and one linear layer, so that
/// class activation maps (CAM) can be read straight off it: three convolutions with batch
/// normalization and ReLU (5×5 with 16 channels, 3×3 with 32, 3×3 with 64), 2×2 max pooling after
/// the first two, then `gap` and `fc`. For a 32×32 input the last feature maps (`relu3`) are 8×8.
/// With one input channel and 10 classes it has 24,426 parameters.
///
/// Every step is a module, so forward hooks can watch each one by name (`"conv1"`, `"relu3"`).
///
/// ### Example
/// ```swift
/// let net = LeNetGAP(inChannels: 1, classes: 10)
/// let logits = net(Tensor.randn([64, 1, 32, 32]))   // [64, 10]
/// ```
public final class LeNetGAP: Module {
    public let conv1: Conv2d
    public let bn1 = BatchNorm2d(16)
    public let relu1 = ReLU()
    public let pool1 = MaxPool2d(2)
    public let conv2 = Conv2d(16, 32, 3, padding: 1)
    public let bn2 = BatchNorm2d(32)
    public let relu2 = ReLU()
    public let pool2 = MaxPool2d(2)
    public let conv3 = Conv2d(32, 64, 3, padding: 1)
    public let bn3 = BatchNorm2d(64)
    public let relu3 = ReLU()
    public let gap = AdaptiveAvgPool2d(1)
    public let fc: Linear

    /// A network for images with `inChannels` channels and `classes` outputs.
    ///
    /// ```swift
    /// let net = LeNetGAP(inChannels: 3, classes: 2)
    /// ```
    public init(inChannels: Int = 1, classes: Int = 10) {
        conv1 = Conv2d(inChannels, 16, 5, padding: 2)
        fc = Linear(64, classes)
        super.init()
    }

    public override func forward(_ x: Tensor) -> Tensor {
        var out = pool1(relu1(bn1(conv1(x))))
        out = pool2(relu2(bn2(conv2(out))))
        out = gap(relu3(bn3(conv3(out))))
        return fc(out.view([out.shape[0], -1]))
    }
}
