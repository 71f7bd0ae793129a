extension Tensor {
    /// Reseeds the default generator, as `torch.manual_seed`.
    ///
    /// ```swift
    /// Tensor.manualSeed(0)
    /// ```
    public static func manualSeed(_ seed: UInt64) { Generator.default.manualSeed(seed) }

    /// Values uniform in [0, 1).
    ///
    /// ```swift
    /// Tensor.rand([2, 2], generator: Generator(seed: 1))
    /// ```
    public static func rand(_ shape: [Int], generator: Generator = .default, requiresGrad: Bool = false) -> Tensor {
        Tensor(storage: generator.uniform(shape.reduce(1, *)), shape: shape, requiresGrad: requiresGrad)
    }

    /// Values from the standard normal distribution.
    ///
    /// ```swift
    /// let w = Tensor.randn([64, 32], requiresGrad: true)
    /// ```
    public static func randn(_ shape: [Int], generator: Generator = .default, requiresGrad: Bool = false) -> Tensor {
        Tensor(storage: generator.normal(shape.reduce(1, *)), shape: shape, requiresGrad: requiresGrad)
    }

    /// Integers uniform in `low..<high` (stored as Float).
    ///
    /// ```swift
    /// let labels = Tensor.randint(0, 10, [64])
    /// ```
    public static func randint(_ low: Int, _ high: Int, _ shape: [Int], generator: Generator = .default) -> Tensor {
        Tensor(storage: generator.integers(shape.reduce(1, *), low: low, high: high), shape: shape)
    }
}
