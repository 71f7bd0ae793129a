import Foundation
import LumenTensor

/// Adam, with `torch.optim.Adam`'s update (no AMSGrad). By default weight decay is L2, added to
/// the gradient; with `decoupledWeightDecay` it shrinks the parameters directly, as ``AdamW``:
///
/// ```
/// g = grad + weightDecay · p          (decoupled: p = p · (1 − lr · weightDecay), g = grad)
/// m = β₁ · m + (1 − β₁) · g,   v = β₂ · v + (1 − β₂) · g²
/// p = p − lr / (1 − β₁ᵗ) · m / (√v / √(1 − β₂ᵗ) + eps)
/// ```
///
/// ### Example
/// ```swift
/// let optimizer = Adam(model.parameters(), lr: 1e-3)
/// ```
public class Adam: Optimizer {
    public let parameters: [Tensor]
    public var lr: Float
    public let beta1: Float
    public let beta2: Float
    public let eps: Float
    public let weightDecay: Float
    /// Whether weight decay shrinks the parameters (AdamW) instead of adding to the gradient.
    public let decoupledWeightDecay: Bool
    private var moments = AdamMoments()

    /// An optimizer over `parameters`.
    ///
    /// ```swift
    /// let optimizer = Adam(model.parameters(), lr: 3e-4, betas: (0.9, 0.99))
    /// ```
    public init(
        _ parameters: [Tensor], lr: Float = 1e-3, betas: (Float, Float) = (0.9, 0.999), eps: Float = 1e-8,
        weightDecay: Float = 0, decoupledWeightDecay: Bool = false
    ) {
        precondition(lr >= 0, "Invalid learning rate: \(lr)")
        precondition(eps >= 0, "Invalid epsilon value: \(eps)")
        precondition((0..<1).contains(betas.0) && (0..<1).contains(betas.1), "Invalid beta parameters: \(betas)")
        precondition(weightDecay >= 0, "Invalid weight_decay value: \(weightDecay)")
        self.parameters = parameters
        self.lr = lr
        (beta1, beta2) = betas
        self.eps = eps
        self.weightDecay = weightDecay
        self.decoupledWeightDecay = decoupledWeightDecay
    }

    public func step() {
        withNoGrad {
            for parameter in parameters {
                guard var g = parameter.grad else { continue }
                if weightDecay != 0 {
                    if decoupledWeightDecay {
                        // As torch, the factor is computed in double precision.
                        parameter.assign(parameter * Float(1 - Double(lr) * Double(weightDecay)))
                    } else {
                        g = g + parameter * weightDecay
                    }
                }
                moments.update(parameter, gradient: g, lr: lr, betas: (beta1, beta2), eps: eps)
            }
        }
    }
}

/// AdamW, as `torch.optim.AdamW`: ``Adam`` with decoupled weight decay, 0.01 by default.
///
/// ### Example
/// ```swift
/// let optimizer = AdamW(model.parameters(), lr: 1e-3, weightDecay: 0.05)
/// ```
public final class AdamW: Adam {
    /// An optimizer over `parameters`.
    ///
    /// ```swift
    /// let optimizer = AdamW(model.parameters())
    /// ```
    public init(_ parameters: [Tensor], lr: Float = 1e-3, betas: (Float, Float) = (0.9, 0.999), eps: Float = 1e-8, weightDecay: Float = 0.01) {
        super.init(parameters, lr: lr, betas: betas, eps: eps, weightDecay: weightDecay, decoupledWeightDecay: true)
    }
}

/// The per-parameter state of Adam (step count, first and second moments) and its update.
struct AdamMoments {
    private var state: [ObjectIdentifier: (step: Int, mean: Tensor, squares: Tensor)] = [:]

    /// Moves `parameter` by one Adam step for gradient `g` (under no-grad).
    mutating func update(_ parameter: Tensor, gradient g: Tensor, lr: Float, betas: (Float, Float), eps: Float) {
        let key = ObjectIdentifier(parameter)
        let previous = state[key] ?? (0, Tensor.zerosLike(parameter), Tensor.zerosLike(parameter))
        let step = previous.step + 1
        let mean = previous.mean * betas.0 + g * (1 - betas.0)
        let squares = previous.squares * betas.1 + g * g * (1 - betas.1)
        state[key] = (step, mean, squares)
        // As torch, the bias corrections are computed in double precision.
        let biasCorrection1 = 1 - Foundation.pow(Double(betas.0), Double(step))
        let biasCorrection2 = 1 - Foundation.pow(Double(betas.1), Double(step))
        let denominator = squares.sqrt() / Float(biasCorrection2.squareRoot()) + eps
        parameter.assign(parameter - mean / denominator * Float(Double(lr) / biasCorrection1))
    }
}
