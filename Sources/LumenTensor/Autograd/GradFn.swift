import Synchronization

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
    /// Creation order (torch's `sequence_nr`): among nodes ready in backward, the one created
    /// last runs first.
    let sequenceNumber: UInt64
    /// The tensors this op read, in order; gradients are returned for them in the same order.
    public let inputs: [Tensor]
    private var rule: ((Tensor) -> [Tensor?])?
    /// Whether the rule keeps tensors from the forward pass, which backward frees.
    let savesTensors: Bool
    /// Made on first registration: most nodes never get a hook.
    private var hooks: HookList<GradFnHook>?

    init(name: String, inputs: [Tensor], savesTensors: Bool, rule: @escaping (Tensor) -> [Tensor?]) {
        self.name = name
        self.inputs = inputs
        self.savesTensors = savesTensors
        self.rule = rule
        sequenceNumber = Self.created.add(1, ordering: .relaxed).oldValue
    }

    /// Nodes created so far, in all threads: one atomic add per op, no lock on the hot path.
    private static let created = Atomic<UInt64>(0)

    /// The inputs' gradients for the output gradient `grad`.
    func apply(_ grad: Tensor) throws(AutogradError) -> [Tensor?] {
        guard let rule else { throw .graphFreed }
        return rule(grad)
    }

    /// Registers a hook run each time backward passes this node, after it computed its inputs'
    /// gradients, as torch's `grad_fn.register_hook`: it sees `gradInputs` (one per input, `nil`
    /// for an input that does not require grad) and `gradOutputs` (the gradient that reached
    /// the node), and an array it returns replaces `gradInputs`.
    ///
    /// ```swift
    /// y.gradFn!.registerHook { gradInputs, gradOutputs in gradInputs.map { $0.map { $0 * 2 } } }
    /// ```
    @discardableResult
    public func registerHook(_ hook: @escaping GradFnHook) -> RemovableHandle {
        let list = hooks ?? HookList()
        hooks = list
        return list.add(hook)
    }

    /// Runs the hooks on the gradients `apply` computed for the output gradient `grad`.
    func runHooks(gradInputs computed: [Tensor?], gradOutput grad: Tensor) -> [Tensor?] {
        guard let hooks, !hooks.isEmpty else { return computed }
        var gradInputs = zip(inputs, computed).map { $0.requiresGrad ? $1 : nil }
        for hook in hooks.hooks {
            guard let replaced = hook(gradInputs, [grad]) else { continue }
            precondition(replaced.count == gradInputs.count,
                         "hook of \(name) has returned an incorrect number of values (got \(replaced.count), but expected \(gradInputs.count))")
            gradInputs = replaced
        }
        return gradInputs
    }

    /// Drops what the forward pass saved (after a backward without `retainGraph`).
    func release() {
        if savesTensors { rule = nil }
    }
}

/// A hook on an autograd node (``GradFn/registerHook(_:)``): the gradients for the node's inputs
/// and the gradient that reached it; an array it returns replaces the inputs' gradients.
public typealias GradFnHook = (_ gradInputs: [Tensor?], _ gradOutputs: [Tensor?]) -> [Tensor?]?

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
