/// A node of the autograd graph: the op that made a tensor, its inputs, and the rule that turns
/// the output's gradient into the inputs' gradients.
///
/// Names follow PyTorch's (`AddBackward0`, `MmBackward0`, `ConvolutionBackward0`, …).
///
/// ### Example
/// ```swift
/// let y = Tensor([1, 2], requiresGrad: true) * 3
/// print(y.gradFn!.name)   // MulBackward0
/// ```
public final class GradFn {
    /// PyTorch's name for this node, e.g. `MulBackward0`.
    public let name: String
    /// The tensors this op read, in order; gradients are returned for them in the same order.
    public let inputs: [Tensor]
    private var rule: ((Tensor) -> [Tensor?])?
    /// Whether the rule keeps tensors from the forward pass, which backward frees.
    let savesTensors: Bool

    init(name: String, inputs: [Tensor], savesTensors: Bool, rule: @escaping (Tensor) -> [Tensor?]) {
        self.name = name
        self.inputs = inputs
        self.savesTensors = savesTensors
        self.rule = rule
    }

    /// The inputs' gradients for the output gradient `grad`.
    func apply(_ grad: Tensor) throws(AutogradError) -> [Tensor?] {
        guard let rule else { throw .graphFreed }
        return rule(grad)
    }

    /// Drops what the forward pass saved (after a backward without `retainGraph`).
    func release() {
        if savesTensors { rule = nil }
    }
}

extension GradFn: CustomStringConvertible {
    /// `<MulBackward0>`, as torch prints a grad_fn.
    public var description: String { "<\(name)>" }
}

extension Tensor {
    /// The result of an op. When grad mode is on and an input requires grad, the result
    /// records `rule`, which maps its gradient to one gradient per input (`nil` for none).
    /// `rule` runs under ``withNoGrad(_:)``.
    static func result(
        _ storage: [Float], shape: [Int], op name: String, inputs: [Tensor],
        savesTensors: Bool = true, rule: @escaping (Tensor) -> [Tensor?]
    ) -> Tensor {
        let output = Tensor(storage: storage, shape: shape)
        if GradMode.isEnabled && inputs.contains(where: \.requiresGrad) {
            output.requiresGradFlag = true
            output.gradFn = GradFn(name: name, inputs: inputs, savesTensors: savesTensors, rule: rule)
        }
        return output
    }
}
