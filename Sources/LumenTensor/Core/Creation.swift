extension Tensor {
    /// A tensor of `shape` filled with `value`.
    ///
    /// ```swift
    /// Tensor.full([2, 2], 7)
    /// ```
    public static func full(_ shape: [Int], _ value: Float, requiresGrad: Bool = false) -> Tensor {
        Tensor(storage: [Float](repeating: value, count: shape.reduce(1, *)), shape: shape, requiresGrad: requiresGrad)
    }

    /// A tensor of zeros.
    ///
    /// ```swift
    /// Tensor.zeros([2, 3])
    /// ```
    public static func zeros(_ shape: [Int], requiresGrad: Bool = false) -> Tensor { full(shape, 0, requiresGrad: requiresGrad) }

    /// A tensor of ones.
    ///
    /// ```swift
    /// Tensor.ones([2, 2])
    /// ```
    public static func ones(_ shape: [Int], requiresGrad: Bool = false) -> Tensor { full(shape, 1, requiresGrad: requiresGrad) }

    /// Zeros with the shape of `other`.
    ///
    /// ```swift
    /// Tensor.zerosLike(x)
    /// ```
    public static func zerosLike(_ other: Tensor) -> Tensor { zeros(other.shape) }

    /// Ones with the shape of `other`.
    ///
    /// ```swift
    /// Tensor.onesLike(x)
    /// ```
    public static func onesLike(_ other: Tensor) -> Tensor { ones(other.shape) }

    /// Values from `start` up to (not including) `end`, `step` apart. As torch, the count and
    /// the values are computed in double precision (so `arange(0, 1.1, step: 0.1)` has 11).
    ///
    /// ```swift
    /// Tensor.arange(0, 1, step: 0.25)   // tensor([0.0000, 0.2500, 0.5000, 0.7500])
    /// ```
    public static func arange(_ start: Double, _ end: Double, step: Double = 1) -> Tensor {
        precondition(step != 0, "arange: step must be nonzero")
        precondition((end - start) / step >= 0, "arange: upper bound and larger bound inconsistent with step sign")
        let n = Int(((end - start) / step).rounded(.up))
        return Tensor(storage: (0..<n).map { Float(start + Double($0) * step) }, shape: [n])
    }

    /// 0, 1, …, `end` − 1.
    ///
    /// ```swift
    /// Tensor.arange(3)   // tensor([0., 1., 2.])
    /// ```
    public static func arange(_ end: Int) -> Tensor { arange(0, Double(end)) }

    /// `steps` values evenly spaced from `start` to `end`, both included.
    ///
    /// ```swift
    /// Tensor.linspace(0, 1, steps: 5)   // tensor([0.0000, 0.2500, 0.5000, 0.7500, 1.0000])
    /// ```
    public static func linspace(_ start: Float, _ end: Float, steps: Int) -> Tensor {
        precondition(steps >= 0, "linspace: number of steps must be non-negative")
        if steps == 1 { return Tensor(storage: [start], shape: [1]) }
        let step = (end - start) / Float(steps - 1)
        // As torch: the first half counts up from start, the second half down from end.
        let half = steps / 2
        let values = (0..<steps).map { i in i < half ? start + step * Float(i) : end - step * Float(steps - 1 - i) }
        return Tensor(storage: values, shape: [steps])
    }

    /// The `n`×`m` identity matrix (`m` defaults to `n`).
    ///
    /// ```swift
    /// Tensor.eye(3)
    /// ```
    public static func eye(_ n: Int, _ m: Int? = nil) -> Tensor {
        let m = m ?? n
        var values = [Float](repeating: 0, count: n * m)
        for i in 0..<Swift.min(n, m) { values[i * m + i] = 1 }
        return Tensor(storage: values, shape: [n, m])
    }
}
