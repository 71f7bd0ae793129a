import Foundation

extension Tensor {
    /// e raised to each element.
    ///
    /// ```swift
    /// Tensor([0, 1]).exp()   // tensor([1.0000, 2.7183])
    /// ```
    public func exp() -> Tensor {
        Self.unary(self, op: "ExpBackward0", cost: 8, { Foundation.exp($0) }) { _, y in y }
    }

    /// The natural logarithm of each element.
    ///
    /// ```swift
    /// Tensor([1, 2.7182817]).log()   // tensor([0., 1.])
    /// ```
    public func log() -> Tensor {
        Self.unary(self, op: "LogBackward0", cost: 8, { Foundation.log($0) }) { x, _ in 1 / x }
    }

    /// The square root of each element.
    ///
    /// ```swift
    /// Tensor([4, 9]).sqrt()   // tensor([2., 3.])
    /// ```
    public func sqrt() -> Tensor {
        Self.unary(self, op: "SqrtBackward0", cost: 2, { $0.squareRoot() }) { _, y in 1 / (2 * y) }
    }

    /// The absolute value of each element (gradient 0 at 0, as torch).
    ///
    /// ```swift
    /// Tensor([-1, 2]).abs()   // tensor([1., 2.])
    /// ```
    public func abs() -> Tensor {
        Self.unary(self, op: "AbsBackward0", { Swift.abs($0) }) { x, _ in x > 0 ? 1 : (x < 0 ? -1 : 0) }
    }

    /// Each element limited to `min...max` (either bound optional); the gradient passes where
    /// the input lies strictly between the bounds and is zero where it equals one, as torch's.
    ///
    /// ```swift
    /// Tensor([-2, 0.5, 3]).clamp(min: 0, max: 1)   // tensor([0.0000, 0.5000, 1.0000])
    /// ```
    public func clamp(min lower: Float? = nil, max upper: Float? = nil) -> Tensor {
        precondition(lower != nil || upper != nil, "clamp: At least one of 'min' or 'max' must not be None")
        let lo = lower ?? -.infinity, hi = upper ?? .infinity
        return Self.unary(self, op: "ClampBackward1", { Swift.min(Swift.max($0, lo), hi) }) { x, _ in
            x > lo && x < hi ? 1 : 0
        }
    }
}
