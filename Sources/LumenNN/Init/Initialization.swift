import LumenTensor

/// Parameter initializers with torch's formulas (`torch.nn.init`). Values come from Lumen's
/// generator, so they follow torch's distributions, not its exact numbers.
public enum Init {
    /// Values drawn uniformly from `[-bound, bound)`.
    ///
    /// ```swift
    /// let bias = Init.uniform([10], bound: 0.1)
    /// ```
    public static func uniform(_ shape: [Int], bound: Float, generator: Generator = .default) -> Tensor {
        let values = Tensor.rand(shape, generator: generator) * (2 * bound) - bound
        return Tensor(values.scalars, shape: shape)
    }

    /// Kaiming (He) uniform values for a weight whose fan-in (inputs per output) is `fanIn`:
    /// bound `gain · √(3 / fanIn)` with `gain = √(2 / (1 + a²))`, as `kaiming_uniform_` with
    /// `nonlinearity='leaky_relu'`. Linear and convolution layers use `a = √5`, which gives
    /// `bound = 1 / √fanIn` (torch's `reset_parameters`).
    ///
    /// ```swift
    /// let weight = Init.kaimingUniform([10, 784], fanIn: 784, a: 5.squareRoot())
    /// ```
    public static func kaimingUniform(_ shape: [Int], fanIn: Int, a: Float = 0, generator: Generator = .default) -> Tensor {
        precondition(fanIn > 0, "Initializing zero-element tensors is a no-op")
        let gain = (2 / (1 + a * a)).squareRoot()
        return uniform(shape, bound: gain * (3 / Float(fanIn)).squareRoot(), generator: generator)
    }

    /// Kaiming (He) normal values: standard deviation `√2 / √fan` for a ReLU network, as
    /// `kaiming_normal_(mode=…, nonlinearity='relu')`; torchvision's ResNet passes the fan-out
    /// (`outChannels · kh · kw`).
    ///
    /// ```swift
    /// let weight = Init.kaimingNormal([64, 3, 7, 7], fan: 64 * 7 * 7)
    /// ```
    public static func kaimingNormal(_ shape: [Int], fan: Int, generator: Generator = .default) -> Tensor {
        precondition(fan > 0, "Initializing zero-element tensors is a no-op")
        let values = Tensor.randn(shape, generator: generator) * (2 / Float(fan)).squareRoot()
        return Tensor(values.scalars, shape: shape)
    }
}
