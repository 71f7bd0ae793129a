import Foundation
import LumenTensor

/// Adam, with `torch.optim.Adam`'s update (L2 weight decay added to the gradient; no AMSGrad):
///
/// ```
/// g = grad + weightDecay · p
/// m = β₁ · m + (1 − β₁) · g,   v = β₂ · v + (1 − β₂) · g²
/// p = p − lr / (1 − β₁ᵗ) · m / (√v / √(1 − β₂ᵗ) + eps)
/// ```
///
/// ### Example
/// ```swift
/// let optimizer = Adam(model.parameters(), lr: 1e-3)
/// ```
public final class Adam: Optimizer {
    public let parameters: [Tensor]
    public var lr: Float
    public let beta1: Float
    public let beta2: Float
    public let eps: Float
    public let weightDecay: Float
    private var state: [ObjectIdentifier: (step: Int, mean: Tensor, squares: Tensor)] = [:]

    /// An optimizer over `parameters`.
    ///
    /// ```swift
    /// let optimizer = Adam(model.parameters(), lr: 3e-4, betas: (0.9, 0.99))
    /// ```
    public init(_ parameters: [Tensor], lr: Float = 1e-3, betas: (Float, Float) = (0.9, 0.999), eps: Float = 1e-8, weightDecay: Float = 0) {
        precondition(lr >= 0, "Invalid learning rate: \(lr)")
        precondition(eps >= 0, "Invalid epsilon value: \(eps)")
        precondition((0..<1).contains(betas.0) && (0..<1).contains(betas.1), "Invalid beta parameters: \(betas)")
        self.parameters = parameters
        self.lr = lr
        (beta1, beta2) = betas
        self.eps = eps
        self.weightDecay = weightDecay
    }

    public func step() {
        withNoGrad {
            for parameter in parameters {
                guard let grad = parameter.grad else { continue }
                let g = weightDecay == 0 ? grad : grad + parameter * weightDecay
                let key = ObjectIdentifier(parameter)
                let previous = state[key] ?? (0, Tensor.zerosLike(parameter), Tensor.zerosLike(parameter))
                let step = previous.step + 1
                let mean = previous.mean * beta1 + g * (1 - beta1)
                let squares = previous.squares * beta2 + g * g * (1 - beta2)
                state[key] = (step, mean, squares)
                // As torch, the bias corrections are computed in double precision.
                let biasCorrection1 = 1 - Foundation.pow(Double(beta1), Double(step))
                let biasCorrection2 = 1 - Foundation.pow(Double(beta2), Double(step))
                let denominator = squares.sqrt() / Float(biasCorrection2.squareRoot()) + eps
                parameter.assign(parameter - mean / denominator * Float(Double(lr) / biasCorrection1))
            }
        }
    }
}
