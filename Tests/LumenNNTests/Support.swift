import LumenNN

/// Collects what hooks see, in order (a class, so escaping hook closures can append).
final class Log {
    var entries: [String] = []
}

/// The two-layer network of PyTorch's forward-hook example: a 3×3 convolution whose two
/// kernels are all ones and all twos (bias 0), then 2×2 max pooling.
final class HookExampleNet: Module {
    let conv1 = Conv2d(1, 2, 3)
    let pool1 = MaxPool2d(2, stride: 2)

    override init() {
        super.init()
        withNoGrad {
            conv1.weight.assign(Tensor.cat([Tensor.full([1, 1, 3, 3], 1), Tensor.full([1, 1, 3, 3], 2)], dim: 0))
            conv1.bias!.assign(Tensor.zeros([2]))
        }
    }

    override func forward(_ x: Tensor) -> Tensor { pool1(conv1(x)) }
}
