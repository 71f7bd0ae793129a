/// Why ``Tensor/backward(gradient:retainGraph:)`` could not run, in PyTorch's words.
///
/// ```swift
/// do { try y.backward() } catch { print(error) }
/// ```
public enum AutogradError: Error, Equatable, CustomStringConvertible {
    /// The graph's saved tensors were freed by an earlier backward.
    case graphFreed
    /// `backward()` without a gradient on a tensor with more than one element.
    case nonScalarOutput
    /// `backward()` on a tensor that does not require grad.
    case doesNotRequireGrad
    /// The given gradient's shape differs from the tensor's.
    case gradientShapeMismatch(expected: [Int], got: [Int])

    /// PyTorch's message for this error.
    public var description: String {
        switch self {
        case .graphFreed:
            "Trying to backward through the graph a second time (or directly access saved tensors after they have already been freed). Saved intermediate values of the graph are freed when you call .backward() or autograd.grad(). Specify retain_graph=True if you need to backward through the graph a second time or if you need to access saved tensors after calling backward."
        case .nonScalarOutput:
            "grad can be implicitly created only for scalar outputs"
        case .doesNotRequireGrad:
            "element 0 of tensors does not require grad and does not have a grad_fn"
        case let .gradientShapeMismatch(expected, got):
            "Mismatch in shape: grad_output[0] has a shape of \(got) and output[0] has a shape of \(expected)."
        }
    }
}
