extension Tensor {
    /// A 0/1 mask from comparing element-wise with broadcasting (Lumen's tensors are Float, so
    /// masks hold 1 for true and 0 for false); masks carry no gradient.
    static func compare(_ a: Tensor, _ b: Tensor, op: String, _ test: (Float, Float) -> Bool) -> Tensor {
        let shape = Shape.broadcast(a.shape, b.shape, op: op)
        return Tensor(storage: Kernels.broadcastZip(a, b, shape: shape) { test($0, $1) ? 1 : 0 }, shape: shape)
    }

    /// 1 where the elements are equal, else 0.
    ///
    /// ```swift
    /// Tensor([1, 2]).eq(Tensor([1, 3]))   // tensor([1., 0.])
    /// ```
    public func eq(_ other: Tensor) -> Tensor { Self.compare(self, other, op: "eq") { $0 == $1 } }

    /// 1 where the elements differ, else 0.
    ///
    /// ```swift
    /// a.ne(b)
    /// ```
    public func ne(_ other: Tensor) -> Tensor { Self.compare(self, other, op: "ne") { $0 != $1 } }

    /// 1 where self < other, else 0.
    ///
    /// ```swift
    /// Tensor([1, 3]).lt(Tensor([2, 2]))   // tensor([1., 0.])
    /// ```
    public func lt(_ other: Tensor) -> Tensor { Self.compare(self, other, op: "lt") { $0 < $1 } }

    /// 1 where self ≤ other, else 0.
    ///
    /// ```swift
    /// a.le(b)
    /// ```
    public func le(_ other: Tensor) -> Tensor { Self.compare(self, other, op: "le") { $0 <= $1 } }

    /// 1 where self > other, else 0.
    ///
    /// ```swift
    /// a.gt(b)
    /// ```
    public func gt(_ other: Tensor) -> Tensor { Self.compare(self, other, op: "gt") { $0 > $1 } }

    /// 1 where self ≥ other, else 0.
    ///
    /// ```swift
    /// a.ge(b)
    /// ```
    public func ge(_ other: Tensor) -> Tensor { Self.compare(self, other, op: "ge") { $0 >= $1 } }

    /// 1 where an element equals `value`, else 0.
    ///
    /// ```swift
    /// labels.eq(3)
    /// ```
    public func eq(_ value: Float) -> Tensor { eq(Tensor(value)) }

    /// 1 where an element differs from `value`, else 0.
    ///
    /// ```swift
    /// targets.ne(-100)
    /// ```
    public func ne(_ value: Float) -> Tensor { ne(Tensor(value)) }

    /// 1 where an element is below `value`, else 0.
    ///
    /// ```swift
    /// let negative = x.lt(0)
    /// ```
    public func lt(_ value: Float) -> Tensor { lt(Tensor(value)) }

    /// 1 where an element is at most `value`, else 0.
    ///
    /// ```swift
    /// x.le(1)
    /// ```
    public func le(_ value: Float) -> Tensor { le(Tensor(value)) }

    /// 1 where an element is above `value`, else 0.
    ///
    /// ```swift
    /// let positive = x.gt(0)
    /// ```
    public func gt(_ value: Float) -> Tensor { gt(Tensor(value)) }

    /// 1 where an element is at least `value`, else 0.
    ///
    /// ```swift
    /// x.ge(0.5)
    /// ```
    public func ge(_ value: Float) -> Tensor { ge(Tensor(value)) }

    /// Elements of `a` where `condition` is non-zero, else of `b`, all three broadcast together
    /// (`torch.where`).
    ///
    /// ```swift
    /// Tensor.where(x.gt(0), x, Tensor(0))   // relu
    /// ```
    public static func `where`(_ condition: Tensor, _ a: Tensor, _ b: Tensor) -> Tensor {
        select(condition, a, b, op: "where", gradName: "WhereBackward0")
    }

    /// `value` where `mask` is non-zero, else this tensor's element (`masked_fill`).
    ///
    /// ```swift
    /// scores.maskedFill(padding, -.infinity)
    /// ```
    public func maskedFill(_ mask: Tensor, _ value: Float) -> Tensor {
        let out = Self.select(mask, Tensor(value), self, op: "masked_fill", gradName: "MaskedFillBackward0")
        precondition(out.shape == shape, "masked_fill: mask of shape \(mask.shape) cannot be broadcast to \(shape)")
        return out
    }

    private static func select(_ condition: Tensor, _ a: Tensor, _ b: Tensor, op: String, gradName: String) -> Tensor {
        let shape = Shape.broadcast(Shape.broadcast(condition.shape, a.shape, op: op), b.shape, op: op)
        let mask = Kernels.broadcast(condition, to: shape)
        let values = Kernels.zip3(mask, Kernels.broadcast(a, to: shape), Kernels.broadcast(b, to: shape)) { m, x, y in
            m != 0 ? x : y
        }
        return result(values, shape: shape, op: gradName, inputs: [a, b]) { grad in
            let gradA = Kernels.zip(mask, grad.storage) { m, g in m != 0 ? g : 0 }
            let gradB = Kernels.zip(mask, grad.storage) { m, g in m != 0 ? 0 : g }
            return [Tensor(storage: gradA, shape: shape).sumToShape(a.shape),
                    Tensor(storage: gradB, shape: shape).sumToShape(b.shape)]
        }
    }
}
