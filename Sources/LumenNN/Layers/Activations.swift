import LumenTensor

/// `max(0, x)`, as `torch.nn.ReLU`.
///
/// ```swift
/// ReLU()(Tensor([-1, 2]))   // tensor([0., 2.])
/// ```
public final class ReLU: Module {
    /// Whether the layer was built as torch's `ReLU(inplace=True)`. Lumen computes a new tensor
    /// either way; the flag is kept so the model prints as torch's does.
    public let inplace: Bool

    /// A ReLU layer.
    ///
    /// ```swift
    /// let act = ReLU()
    /// let sameAsTorchvision = ReLU(inplace: true)
    /// ```
    public init(inplace: Bool = false) {
        self.inplace = inplace
        super.init()
    }

    public override var extraDescription: String { inplace ? "inplace=True" : "" }

    public override func forward(_ input: Tensor) -> Tensor { input.relu() }
}

/// `x` for `x ≥ 0`, `negativeSlope · x` otherwise, as `torch.nn.LeakyReLU`.
///
/// ```swift
/// LeakyReLU(negativeSlope: 0.1)(Tensor([-1, 2]))   // tensor([-0.1, 2.])
/// ```
public final class LeakyReLU: Module {
    public let negativeSlope: Float

    /// A leaky ReLU with the given slope for negative inputs.
    ///
    /// ```swift
    /// let act = LeakyReLU()
    /// ```
    public init(negativeSlope: Float = 0.01) {
        self.negativeSlope = negativeSlope
        super.init()
    }

    public override var extraDescription: String {
        "negative_slope=\(PythonLiteral.float(negativeSlope))"
    }

    public override func forward(_ input: Tensor) -> Tensor { input.leakyRelu(negativeSlope: negativeSlope) }
}

/// `1 / (1 + e⁻ˣ)`, as `torch.nn.Sigmoid`.
///
/// ```swift
/// Sigmoid()(Tensor([0]))   // tensor([0.5])
/// ```
public final class Sigmoid: Module {
    /// A sigmoid layer.
    ///
    /// ```swift
    /// let act = Sigmoid()
    /// ```
    public override init() { super.init() }
    public override func forward(_ input: Tensor) -> Tensor { input.sigmoid() }
}

/// The hyperbolic tangent, as `torch.nn.Tanh`.
///
/// ```swift
/// Tanh()(Tensor([0]))   // tensor([0.])
/// ```
public final class Tanh: Module {
    /// A tanh layer.
    ///
    /// ```swift
    /// let act = Tanh()
    /// ```
    public override init() { super.init() }
    public override func forward(_ input: Tensor) -> Tensor { input.tanh() }
}

/// The Gaussian error linear unit, exact or with the tanh approximation, as `torch.nn.GELU`.
///
/// ```swift
/// GELU(approximate: .tanh)(x)
/// ```
public final class GELU: Module {
    public let approximate: Tensor.GeluApproximation

    /// A GELU layer.
    ///
    /// ```swift
    /// let act = GELU()
    /// ```
    public init(approximate: Tensor.GeluApproximation = .none) {
        self.approximate = approximate
        super.init()
    }

    public override var extraDescription: String {
        "approximate='\(approximate == .tanh ? "tanh" : "none")'"
    }

    public override func forward(_ input: Tensor) -> Tensor { input.gelu(approximate: approximate) }
}

/// Softmax along `dim`, as `torch.nn.Softmax`.
///
/// ```swift
/// Softmax(dim: 1)(logits)
/// ```
public final class Softmax: Module {
    public let dim: Int

    /// A softmax over dimension `dim`.
    ///
    /// ```swift
    /// let probabilities = Softmax(dim: -1)
    /// ```
    public init(dim: Int) {
        self.dim = dim
        super.init()
    }

    public override var extraDescription: String {
        "dim=\(dim)"
    }

    public override func forward(_ input: Tensor) -> Tensor { input.softmax(dim: dim) }
}

/// Log-softmax along `dim`, as `torch.nn.LogSoftmax`.
///
/// ```swift
/// LogSoftmax(dim: 1)(logits)
/// ```
public final class LogSoftmax: Module {
    public let dim: Int

    /// A log-softmax over dimension `dim`.
    ///
    /// ```swift
    /// let logProbabilities = LogSoftmax(dim: -1)
    /// ```
    public init(dim: Int) {
        self.dim = dim
        super.init()
    }

    public override var extraDescription: String {
        "dim=\(dim)"
    }

    public override func forward(_ input: Tensor) -> Tensor { input.logSoftmax(dim: dim) }
}
