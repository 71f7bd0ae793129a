import Foundation

extension Tensor {
    /// max(0, x) element-wise.
    ///
    /// ```swift
    /// Tensor([-1, 2]).relu()   // tensor([0., 2.])
    /// ```
    public func relu() -> Tensor {
        Self.unary(self, op: "ReluBackward0", fast: .relu, { $0 > 0 ? $0 : 0 }, gradient: .whereOutputPositive)
    }

    /// x for x > 0, else `negativeSlope` · x.
    ///
    /// ```swift
    /// Tensor([-1, 2]).leakyRelu(negativeSlope: 0.1)   // tensor([-0.1000,  2.0000])
    /// ```
    public func leakyRelu(negativeSlope: Float = 0.01) -> Tensor {
        Self.unary(self, op: "LeakyReluBackward0", { $0 > 0 ? $0 : $0 * negativeSlope }) { x, _ in
            x > 0 ? 1 : negativeSlope
        }
    }

    /// 1 / (1 + e^−x) element-wise.
    ///
    /// ```swift
    /// Tensor([0]).sigmoid()   // tensor([0.5000])
    /// ```
    public func sigmoid() -> Tensor {
        Self.unary(self, op: "SigmoidBackward0", cost: 8, { 1 / (1 + Foundation.exp(-$0)) }) { _, y in y * (1 - y) }
    }

    /// The hyperbolic tangent element-wise.
    ///
    /// ```swift
    /// Tensor([0]).tanh()   // tensor([0.])
    /// ```
    public func tanh() -> Tensor {
        Self.unary(self, op: "TanhBackward0", cost: 8, { Foundation.tanh($0) }) { _, y in 1 - y * y }
    }

    /// How ``gelu(approximate:)`` computes the Gaussian CDF.
    public enum GeluApproximation: Sendable {
        /// The exact form with erf (torch's default `'none'`).
        case none
        /// The tanh approximation (torch's `'tanh'`).
        case tanh
    }

    /// The Gaussian error linear unit x · Φ(x).
    ///
    /// ```swift
    /// Tensor([0, 1]).gelu()   // tensor([0.0000, 0.8413])
    /// ```
    public func gelu(approximate: GeluApproximation = .none) -> Tensor {
        switch approximate {
        case .none:
            return Self.unary(self, op: "GeluBackward0", cost: 8, { x in 0.5 * x * (1 + erf(x * 0.70710678)) }) { x, _ in
                0.5 * (1 + erf(x * 0.70710678)) + x * 0.39894228 * Foundation.exp(-0.5 * x * x)
            }
        case .tanh:
            let k: Float = 0.7978845608, c: Float = 0.044715
            return Self.unary(self, op: "GeluBackward0", cost: 8, { x in
                0.5 * x * (1 + Foundation.tanh(k * (x + c * x * x * x)))
            }) { x, _ in
                let t = Foundation.tanh(k * (x + c * x * x * x))
                return 0.5 * (1 + t) + 0.5 * x * (1 - t * t) * k * (1 + 3 * c * x * x)
            }
        }
    }
}
