import LumenTensor

/// A number of parameter elements and how many of them require grad.
struct ParameterCounts: Equatable, Sendable {
    var total = 0
    var trainable = 0
}

/// What the two summaries count for one module.
extension Module {
    /// torchsummary's count: the elements of this module's own `weight` and `bias` tensors (its
    /// children's and any other tensors are not counted), and whether `weight` requires grad
    /// (`false` without a weight, even when a bias trains).
    var weightAndBiasCount: (count: Int, weightRequiresGrad: Bool) {
        var count = 0
        var weightRequiresGrad = false
        for item in items {
            switch item {
            case .parameter("weight", let tensor), .buffer("weight", let tensor):
                count += tensor.count
                weightRequiresGrad = tensor.requiresGrad
            case .parameter("bias", let tensor), .buffer("bias", let tensor):
                count += tensor.count
            default:
                continue
            }
        }
        return (count, weightRequiresGrad)
    }

    /// torchinfo's count: every parameter of this module and below, and those that require grad.
    var parameterCounts: ParameterCounts {
        parameters().reduce(into: ParameterCounts()) { counts, parameter in
            counts.total += parameter.count
            if parameter.requiresGrad { counts.trainable += parameter.count }
        }
    }

    /// torchinfo's multiply-adds for one call with this output shape `[N, C, …]`: each `weight`
    /// and `bias` element of the module itself counts once per output position of a convolution
    /// (`N·H·W`, any type whose name contains "Conv") and once per sample otherwise (`N`, so
    /// BatchNorm2d counts `N·2C`); a parameter below it whose name contains "weight" or "bias"
    /// counts `N·C` times. That makes containers non-zero, which only decides whether their
    /// cell reads "--".
    func multAdds(outputShape: [Int]) -> Int {
        let samples = outputShape.first ?? 1
        var total = 0
        for (name, parameter) in namedParameters() {
            if name == "weight" || name == "bias" {
                let positions = typeName.contains("Conv") ? samples * outputShape.dropFirst(2).reduce(1, *) : samples
                total += parameter.count * positions
            } else if name.contains("weight") || name.contains("bias") {
                total += outputShape.prefix(2).reduce(1, *) * parameter.count
            }
        }
        return total
    }

    /// torchinfo's Kernel Shape cell, from torch's `kernel_size` attribute: a convolution's is
    /// always a pair (`[5, 5]`); a pooling layer keeps what it was given, written as one number
    /// when square (`3`), as ``description`` writes it. `nil` for layers without one.
    var kernelShape: String? {
        switch self {
        case let conv as Conv2d: PythonFormat.list([conv.kernelSize.height, conv.kernelSize.width])
        case let pool as MaxPool2d: Self.poolingKernel(pool.kernelSize)
        case let pool as AvgPool2d: Self.poolingKernel(pool.kernelSize)
        default: nil
        }
    }

    private static func poolingKernel(_ size: Pair) -> String {
        size.height == size.width ? String(size.height) : PythonFormat.list([size.height, size.width])
    }
}
