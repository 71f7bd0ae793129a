import LumenTensor

/// Zeroes each element with probability `p` in training mode and scales the others by
/// `1 / (1 - p)`; the identity in evaluation mode, as `torch.nn.Dropout`.
///
/// ### Example
/// ```swift
/// let dropout = Dropout(p: 0.2)
/// dropout.eval()
/// dropout(x)   // x unchanged
/// ```
public final class Dropout: Module {
    public let p: Float

    /// A dropout layer with drop probability `p`.
    ///
    /// ```swift
    /// let dropout = Dropout()
    /// ```
    public init(p: Float = 0.5) {
        precondition(p >= 0 && p <= 1, "dropout probability has to be between 0 and 1, but got \(p)")
        self.p = p
        super.init()
    }

    public override var extraDescription: String {
        "p=\(PythonLiteral.float(p)), inplace=False"
    }

    public override func forward(_ input: Tensor) -> Tensor { input.dropout(p: p, training: isTraining) }
}
