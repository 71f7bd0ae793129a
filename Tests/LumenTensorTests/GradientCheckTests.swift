import LumenTensor
import Testing

/// A scalar function of some tensors, for checking its gradient numerically.
struct GradientCase: Sendable, CustomTestStringConvertible {
    let name: String
    let shapes: [[Int]]
    let function: @Sendable ([Tensor]) -> Tensor

    var testDescription: String { name }
}

/// A fixed weighting so that every output element matters differently to the loss.
func weighted(_ y: Tensor) -> Tensor {
    (y * Tensor.linspace(0.5, 1.5, steps: y.count).reshape(y.shape)).sum()
}

let gradientCases: [GradientCase] = [
    GradientCase(name: "broadcast arithmetic", shapes: [[2, 3], [3]]) { x in weighted((x[0] * x[1] - x[1] / (x[0].abs() + 1)).pow(2)) },
    GradientCase(name: "activations", shapes: [[3, 4]]) { x in weighted(x[0].gelu() + x[0].sigmoid() * x[0].tanh() + x[0].leakyRelu()) },
    GradientCase(name: "softmax and log-softmax", shapes: [[3, 5]]) { x in weighted(x[0].softmax(dim: 1) + x[0].logSoftmax(dim: 0)) },
    GradientCase(name: "variance and standard deviation", shapes: [[4, 3]]) { x in weighted(x[0].var(dim: 0)) + weighted(x[0].std(dim: 1)) },
    GradientCase(name: "batched matmul with broadcast", shapes: [[2, 1, 3, 4], [3, 4, 2]]) { x in weighted(x[0].matmul(x[1])) },
    GradientCase(name: "conv2d with stride, padding, dilation and groups", shapes: [[1, 4, 6, 5], [4, 2, 3, 2], [4]]) { x in
        weighted(x[0].conv2d(x[1], bias: x[2], stride: [2, 1], padding: [1, 2], dilation: [1, 2], groups: 2))
    },
    GradientCase(name: "pooling", shapes: [[1, 2, 6, 7]]) { x in
        weighted(x[0].avgPool2d(kernelSize: 3, stride: 2, padding: 1, ceilMode: true)) + weighted(x[0].adaptiveAvgPool2d([4, 3]))
    },
    GradientCase(name: "bilinear interpolation", shapes: [[1, 1, 3, 4]]) { x in
        weighted(x[0].interpolate(size: [5, 7], mode: .bilinear)) + weighted(x[0].interpolate(size: [4, 2], mode: .bilinear, alignCorners: true))
    },
    GradientCase(name: "batch norm in training", shapes: [[4, 3, 2], [3], [3]]) { x in
        weighted(x[0].batchNorm(runningMean: nil, runningVar: nil, weight: x[1], bias: x[2], training: true))
    },
    GradientCase(name: "cross-entropy with label smoothing", shapes: [[4, 5]]) { x in
        x[0].crossEntropy(Tensor([1, 0, 4, 2]), labelSmoothing: 0.1)
    },
    GradientCase(name: "binary cross-entropy with logits and MSE", shapes: [[3, 2], [3, 2]]) { x in
        x[0].binaryCrossEntropyWithLogits(x[1].sigmoid()) + x[0].mseLoss(x[1])
    },
    GradientCase(name: "joins, slices and gathers", shapes: [[3, 4], [2, 4]]) { x in
        let joined = Tensor.cat([x[0], x[1]], dim: 0)
        let parts = joined.chunk(2, dim: 1)
        return weighted(parts[0][1..<4] * parts[1].indexSelect(dim: 0, index: Tensor([4, 0, 2]))) +
            weighted(joined.gather(dim: 1, index: Tensor([[0, 3], [1, 1], [2, 0], [3, 3], [0, 0]])))
    },
]

@Suite("Gradients against finite differences")
struct GradientCheckTests {
    @Test("backward agrees with central differences", arguments: gradientCases)
    func centralDifferences(_ gradientCase: GradientCase) throws {
        let generator = Generator(seed: 7)
        let inputs = gradientCase.shapes.map { Tensor.randn($0, generator: generator, requiresGrad: true) }
        try gradientCase.function(inputs).backward()
        // float32 central differences: h = 1e-2 keeps rounding small; truncation is O(h²).
        let h: Float = 1e-2
        for (k, input) in inputs.enumerated() {
            let analytic = try #require(input.grad).scalars
            for i in 0..<input.count {
                func loss(_ delta: Float) -> Float {
                    var values = input.scalars
                    values[i] += delta
                    var probe = inputs.map { $0.detach() }
                    probe[k] = Tensor(values, shape: input.shape)
                    return withNoGrad { gradientCase.function(probe).item() }
                }
                let numeric = (loss(h) - loss(-h)) / (2 * h)
                #expect(Swift.abs(numeric - analytic[i]) <= 2e-2 * (1 + Swift.abs(numeric)),
                        "input \(k) element \(i): backward \(analytic[i]), finite difference \(numeric)")
            }
        }
    }
}
