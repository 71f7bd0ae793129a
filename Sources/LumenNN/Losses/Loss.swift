import LumenTensor

/// The base of the loss modules (`CrossEntropyLoss`, `MSELoss`, …): a module called with an
/// input and a target, as torch's `_Loss`. Module hooks see both: forward-pre hooks get
/// `[input, target]` and may replace either, and full backward hooks get one gradient per
/// argument.
///
/// ### Example
/// ```swift
/// let criterion = CrossEntropyLoss()
/// let loss = criterion(model(images), labels)
/// ```
open class Loss: Module {
    /// How per-element losses are combined.
    public let reduction: LossReduction

    /// A loss that combines per-element losses by `reduction`.
    public init(reduction: LossReduction = .mean) {
        self.reduction = reduction
        super.init()
    }

    /// The loss of `input` against `target`; subclasses override it. Call the loss itself
    /// (``Loss/callAsFunction(_:_:)``) so that hooks run.
    open func forward(_ input: Tensor, _ target: Tensor) -> Tensor {
        fatalError("Loss [\(typeName)] is missing the required \"forward\" function")
    }

    /// A loss needs a target: calling it with one tensor stops, as torch raises.
    public final override func forward(_ input: Tensor) -> Tensor {
        fatalError("\(typeName).forward() missing 1 required positional argument: 'target'")
    }

    /// Runs the loss with its hooks.
    ///
    /// ```swift
    /// let loss = MSELoss()(prediction, target)
    /// ```
    public func callAsFunction(_ input: Tensor, _ target: Tensor) -> Tensor {
        callWithHooks([input, target]) { forward($0[0], $0[1]) }
    }
}

/// Cross-entropy of scores `[N, C]` (or `[N, C, d₁, …]`) against class indices, as
/// `torch.nn.CrossEntropyLoss`: log-softmax over dimension 1, then the negative log-likelihood,
/// with optional label smoothing.
///
/// ```swift
/// let loss = CrossEntropyLoss(labelSmoothing: 0.1)(logits, labels)
/// ```
public final class CrossEntropyLoss: Loss {
    public let ignoreIndex: Int
    public let labelSmoothing: Float

    /// A cross-entropy loss; targets equal to `ignoreIndex` add nothing.
    public init(ignoreIndex: Int = -100, reduction: LossReduction = .mean, labelSmoothing: Float = 0) {
        self.ignoreIndex = ignoreIndex
        self.labelSmoothing = labelSmoothing
        super.init(reduction: reduction)
    }

    public override func forward(_ input: Tensor, _ target: Tensor) -> Tensor {
        input.crossEntropy(target, ignoreIndex: ignoreIndex, reduction: reduction, labelSmoothing: labelSmoothing)
    }
}

/// Negative log-likelihood of log-probabilities `[N, C]` against class indices, as
/// `torch.nn.NLLLoss`.
///
/// ```swift
/// let loss = NLLLoss()(logits.logSoftmax(dim: 1), labels)
/// ```
public final class NLLLoss: Loss {
    public let ignoreIndex: Int

    /// A negative log-likelihood loss; targets equal to `ignoreIndex` add nothing.
    public init(ignoreIndex: Int = -100, reduction: LossReduction = .mean) {
        self.ignoreIndex = ignoreIndex
        super.init(reduction: reduction)
    }

    public override func forward(_ input: Tensor, _ target: Tensor) -> Tensor {
        input.nllLoss(target, ignoreIndex: ignoreIndex, reduction: reduction)
    }
}

/// Mean squared error against a target of the same shape, as `torch.nn.MSELoss`.
///
/// ```swift
/// let loss = MSELoss()(prediction, target)
/// ```
public final class MSELoss: Loss {
    public override func forward(_ input: Tensor, _ target: Tensor) -> Tensor {
        input.mseLoss(target, reduction: reduction)
    }
}

/// Binary cross-entropy of logits against targets in [0, 1], computed stably, as
/// `torch.nn.BCEWithLogitsLoss`.
///
/// ```swift
/// let loss = BCEWithLogitsLoss()(logits, labels)
/// ```
public final class BCEWithLogitsLoss: Loss {
    public override func forward(_ input: Tensor, _ target: Tensor) -> Tensor {
        input.binaryCrossEntropyWithLogits(target, reduction: reduction)
    }
}
