extension Tensor {
    /// Zeroes each element with probability `p` and scales the rest by 1 / (1 − p) when
    /// `training`; the identity otherwise (`torch.nn.functional.dropout`).
    ///
    /// ```swift
    /// let h = x.dropout(p: 0.5, training: true, generator: Generator(seed: 0))
    /// ```
    public func dropout(p: Float = 0.5, training: Bool = true, generator: Generator = .default) -> Tensor {
        precondition(p >= 0 && p <= 1, "dropout probability has to be between 0 and 1, but got \(p)")
        guard training else { return self }
        let scale: Float = p == 1 ? 0 : 1 / (1 - p)
        let mask = Kernels.map(generator.uniform(count)) { $0 >= p ? scale : 0 }
        let values = Kernels.zip(storage, mask) { $0 * $1 }
        return Self.result(values, shape: shape, op: "NativeDropoutBackward0", inputs: [self]) { grad in
            [Tensor(storage: Kernels.zip(grad.storage, mask) { $0 * $1 }, shape: grad.shape)]
        }
    }
}
