import LumenTensor

/// The residual block of ResNet-18 and -34, as torchvision's `BasicBlock`: two 3×3 convolutions
/// with batch normalization, and a shortcut that is the identity or `downsample` (a 1×1
/// convolution and batch normalization) when the shape changes. `relu` is one module called
/// twice, and `downsample` runs after `bn2`, as in torchvision, so hooks fire in torch's order.
public final class BasicBlock: Module {
    public let conv1: Conv2d
    public let bn1: BatchNorm2d
    public let relu = ReLU(inplace: true)
    public let conv2: Conv2d
    public let bn2: BatchNorm2d
    public let downsample: Sequential?
    public let stride: Int

    /// A block from `inPlanes` to `planes` channels whose first convolution has `stride`.
    ///
    /// ```swift
    /// let block = BasicBlock(64, 128, stride: 2, downsample: Sequential(Conv2d(64, 128, kernelSize: 1, stride: 2, bias: false), BatchNorm2d(128)))
    /// ```
    public init(_ inPlanes: Int, _ planes: Int, stride: Int = 1, downsample: Sequential? = nil) {
        conv1 = Conv2d(inPlanes, planes, kernelSize: 3, stride: Pair(stride, stride), padding: 1, bias: false)
        bn1 = BatchNorm2d(planes)
        conv2 = Conv2d(planes, planes, kernelSize: 3, padding: 1, bias: false)
        bn2 = BatchNorm2d(planes)
        self.downsample = downsample
        self.stride = stride
        super.init()
    }

    public override func forward(_ x: Tensor) -> Tensor {
        let out = bn2(conv2(relu(bn1(conv1(x)))))
        // After the main path, as torchvision: hooks see downsample's layers after bn2.
        let identity = downsample.map { $0(x) } ?? x
        return relu(out + identity)
    }
}

/// A residual network with torchvision's layout and parameter names (`conv1`, `bn1`, `layer1`
/// … `layer4`, `fc`; `layer2.0.downsample.0.weight`, …), so weights saved from
/// `torchvision.models.resnet18()` load into ``ResNet/resnet18(numClasses:)``.
///
/// Convolutions start from Kaiming normal values (fan-out, ReLU gain) and batch normalization
/// from weight 1 and bias 0, as torchvision initializes them.
///
/// ### Example
/// ```swift
/// let model = ResNet.resnet18(numClasses: 10)
/// let logits = model(Tensor.randn([2, 3, 64, 64]))   // [2, 10]
/// ```
public final class ResNet: Module {
    public let conv1: Conv2d
    public let bn1: BatchNorm2d
    public let relu = ReLU(inplace: true)
    public let maxpool = MaxPool2d(3, stride: 2, padding: 1)
    public let layer1: Sequential
    public let layer2: Sequential
    public let layer3: Sequential
    public let layer4: Sequential
    public let avgpool = AdaptiveAvgPool2d([1, 1])
    public let fc: Linear

    /// A ResNet of basic blocks with `blocks[i]` blocks in `layer(i+1)`.
    ///
    /// ```swift
    /// let resnet34 = ResNet(blocks: [3, 4, 6, 3])
    /// ```
    public init(blocks: [Int], numClasses: Int = 1000) {
        precondition(blocks.count == 4, "ResNet takes 4 block counts, one per stage; got \(blocks.count)")
        conv1 = Conv2d(3, 64, kernelSize: 7, stride: 2, padding: 3, bias: false)
        bn1 = BatchNorm2d(64)
        var inPlanes = 64
        func stage(_ planes: Int, _ count: Int, stride: Int) -> Sequential {
            var downsample: Sequential?
            if stride != 1 || inPlanes != planes {
                downsample = Sequential(Conv2d(inPlanes, planes, kernelSize: 1, stride: Pair(stride, stride), bias: false), BatchNorm2d(planes))
            }
            var layers: [Module] = [BasicBlock(inPlanes, planes, stride: stride, downsample: downsample)]
            inPlanes = planes
            for _ in 1..<count { layers.append(BasicBlock(inPlanes, planes)) }
            return Sequential(layers)
        }
        layer1 = stage(64, blocks[0], stride: 1)
        layer2 = stage(128, blocks[1], stride: 2)
        layer3 = stage(256, blocks[2], stride: 2)
        layer4 = stage(512, blocks[3], stride: 2)
        fc = Linear(512, numClasses)
        super.init()
        for case let conv as Conv2d in modules() {
            let fanOut = conv.outChannels * conv.kernelSize.height * conv.kernelSize.width
            withNoGrad { conv.weight.assign(Init.kaimingNormal(conv.weight.shape, fan: fanOut)) }
        }
    }

    /// ResNet-18: two basic blocks per stage, 11,689,512 parameters with 1,000 classes.
    ///
    /// ```swift
    /// let model = ResNet.resnet18(numClasses: 10)
    /// ```
    public static func resnet18(numClasses: Int = 1000) -> ResNet { ResNet(blocks: [2, 2, 2, 2], numClasses: numClasses) }

    /// ResNet-34: 3, 4, 6 and 3 basic blocks per stage.
    ///
    /// ```swift
    /// let model = ResNet.resnet34()
    /// ```
    public static func resnet34(numClasses: Int = 1000) -> ResNet { ResNet(blocks: [3, 4, 6, 3], numClasses: numClasses) }

    public override func forward(_ x: Tensor) -> Tensor {
        var out = maxpool(relu(bn1(conv1(x))))
        out = layer4(layer3(layer2(layer1(out))))
        return fc(avgpool(out).flatten(startDim: 1))
    }
}
