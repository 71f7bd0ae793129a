import LumenTensor

/// Updates parameters from their gradients, as `torch.optim.Optimizer`.
///
/// ### Example
/// ```swift
/// let optimizer = SGD(model.parameters(), lr: 0.1, momentum: 0.9)
/// for (x, y) in batches {
///     optimizer.zeroGrad()
///     try model(x).crossEntropy(y).backward()
///     optimizer.step()
/// }
/// ```
public protocol Optimizer: AnyObject {
    /// The tensors this optimizer updates.
    var parameters: [Tensor] { get }
    /// The learning rate of the next ``step()`` (schedulers set it).
    var lr: Float { get set }
    /// Updates every parameter that has a gradient, in place.
    func step()
}

extension Optimizer {
    /// Clears the gradient of every parameter (sets `grad` to `nil`, torch's default).
    ///
    /// ```swift
    /// optimizer.zeroGrad()
    /// ```
    public func zeroGrad() {
        for parameter in parameters { parameter.grad = nil }
    }
}
