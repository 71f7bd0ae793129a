import LumenTensor

/// Stochastic gradient descent with optional momentum, dampening, Nesterov momentum and weight
/// decay, with `torch.optim.SGD`'s update:
///
/// ```
/// g = grad + weightDecay · p
/// b = g (first step), else momentum · b + (1 − dampening) · g
/// g = nesterov ? g + momentum · b : b          (when momentum ≠ 0)
/// p = p − lr · g
/// ```
///
/// ### Example
/// ```swift
/// let optimizer = SGD(model.parameters(), lr: 0.01, momentum: 0.9, weightDecay: 5e-4)
/// ```
public final class SGD: Optimizer {
    public let parameters: [Tensor]
    public var lr: Float
    public let momentum: Float
    public let dampening: Float
    public let weightDecay: Float
    public let nesterov: Bool
    private var momentumBuffers: [ObjectIdentifier: Tensor] = [:]

    /// An optimizer over `parameters`.
    ///
    /// ```swift
    /// let optimizer = SGD(model.parameters(), lr: 0.1)
    /// ```
    public init(_ parameters: [Tensor], lr: Float, momentum: Float = 0, dampening: Float = 0, weightDecay: Float = 0, nesterov: Bool = false) {
        precondition(lr >= 0, "Invalid learning rate: \(lr)")
        precondition(momentum >= 0, "Invalid momentum value: \(momentum)")
        precondition(weightDecay >= 0, "Invalid weight_decay value: \(weightDecay)")
        precondition(!nesterov || (momentum > 0 && dampening == 0), "Nesterov momentum requires a momentum and zero dampening")
        self.parameters = parameters
        self.lr = lr
        self.momentum = momentum
        self.dampening = dampening
        self.weightDecay = weightDecay
        self.nesterov = nesterov
    }

    public func step() {
        withNoGrad {
            for parameter in parameters {
                guard let grad = parameter.grad else { continue }
                let key = ObjectIdentifier(parameter)
                let buffer = parameter.sgdUpdate(gradient: grad, momentumBuffer: momentumBuffers[key], lr: lr, momentum: momentum,
                                                 dampening: dampening, weightDecay: weightDecay, nesterov: nesterov)
                if let buffer { momentumBuffers[key] = buffer }
            }
        }
    }
}
