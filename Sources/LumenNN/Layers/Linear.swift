import LumenTensor

/// `y = x·Wᵀ + b` over the last dimension, as `torch.nn.Linear`.
///
/// `weight` is `[outFeatures, inFeatures]`; weight and bias are drawn uniformly from
/// `±1/√inFeatures`, torch's default (Kaiming uniform with `a = √5`).
///
/// ### Example
/// ```swift
/// let fc = Linear(784, 10)
/// let logits = fc(Tensor.randn([32, 784]))   // [32, 10]
/// ```
public final class Linear: Module {
    /// `[outFeatures, inFeatures]`.
    public let weight: Tensor
    /// `[outFeatures]`, or `nil` when built with `bias: false`.
    public let bias: Tensor?
    public let inFeatures: Int
    public let outFeatures: Int

    /// A layer mapping `inFeatures` to `outFeatures`, with a bias unless `bias` is false.
    ///
    /// ```swift
    /// let fc = Linear(128, 10, bias: false)
    /// ```
    public init(_ inFeatures: Int, _ outFeatures: Int, bias: Bool = true) {
        self.inFeatures = inFeatures
        self.outFeatures = outFeatures
        let bound = 1 / Float(inFeatures).squareRoot()
        weight = Init.kaimingUniform([outFeatures, inFeatures], fanIn: inFeatures, a: Float(5).squareRoot())
        weight.requiresGrad = true
        self.bias = bias ? Init.uniform([outFeatures], bound: bound) : nil
        self.bias?.requiresGrad = true
        super.init()
    }

    public override var extraDescription: String {
        "in_features=\(inFeatures), out_features=\(outFeatures), bias=\(PythonLiteral.bool(bias != nil))"
    }

    public override func forward(_ input: Tensor) -> Tensor {
        precondition(input.rank >= 1 && input.shape.last == inFeatures,
                     "linear: mat1 and mat2 shapes cannot be multiplied (input \(input.shape), weight \(weight.shape))")
        let product = input.matmul(weight.transpose(0, 1))
        return bias.map { product + $0 } ?? product
    }
}
