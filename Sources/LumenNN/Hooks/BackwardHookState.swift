import LumenTensor

/// One call's full backward hooks, as torch's `torch.utils.hooks.BackwardHook`: identity
/// autograd nodes around the module's input and output share the gradient with respect to the
/// output, so the input's node can hand both to the hooks.
final class BackwardHookState {
    let module: Module
    let hooks: [FullBackwardHook]
    let preHooks: [FullBackwardPreHook]
    /// How many inputs the module was called with.
    private var inputCount = 1
    /// Whether the inputs were wrapped (one required grad while grad mode was on).
    private var inputWrapped = false
    /// The gradient with respect to the output, from its arrival until the input's node uses it.
    private var gradOutputs: [Tensor?]?

    init(module: Module, hooks: [FullBackwardHook], preHooks: [FullBackwardPreHook]) {
        self.module = module
        self.hooks = hooks
        self.preHooks = preHooks
    }

    /// Wraps the inputs that require grad in one identity node, so the full backward hooks run
    /// once with every input's gradient (zeros where an input does not require grad), as torch's
    /// single `BackwardHookFunction` over all tensor arguments does. Several such inputs are
    /// joined into one flat tensor for the node and sliced back out (LumenTensor's nodes have
    /// one output), so inside `forward` their `gradFn` is the slice's view, not
    /// `BackwardHookFunctionBackward`; an input whose slice gets no gradient gets zeros, as
    /// torch materializes it.
    func wrapInputs(_ inputs: [Tensor]) -> [Tensor] {
        inputCount = inputs.count
        let indices = inputs.indices.filter { inputs[$0].requiresGrad }
        guard isGradEnabled, !indices.isEmpty else { return inputs }
        inputWrapped = true
        // torch passes every tensor argument through the node, so one that does not require
        // grad gets a materialized zero gradient.
        let inputShapes = inputs.map(\.shape)
        func packed(_ grads: [Tensor]) -> [Tensor?] {
            var full: [Tensor?] = inputShapes.map { Tensor.zeros($0) }
            for (index, grad) in zip(indices, grads) { full[index] = grad }
            return full
        }
        var wrapped = inputs
        if indices.count == 1 {
            let index = indices[0]
            wrapped[index] = Tensor.function("BackwardHookFunctionBackward", inputs: [inputs[index]], output: inputs[index]) { [self] grad in
                [runHooks(gradInput: packed([grad]))[index]]
            }
            return wrapped
        }
        let parts = indices.map { inputs[$0] }
        let shapes = parts.map(\.shape)
        let flat = withNoGrad { Tensor.cat(parts.map { $0.reshape([-1]) }, dim: 0) }
        let joined = Tensor.function("BackwardHookFunctionBackward", inputs: parts, output: flat) { [self] grad in
            var start = 0
            let grads = shapes.map { shape in
                let count = shape.reduce(1, *)
                defer { start += count }
                return grad.narrow(dim: 0, start: start, length: count).reshape(shape)
            }
            let replaced = runHooks(gradInput: packed(grads))
            return indices.map { replaced[$0] }
        }
        var start = 0
        for (index, part) in zip(indices, parts) {
            wrapped[index] = joined.narrow(dim: 0, start: start, length: part.count).reshape(part.shape)
            start += part.count
        }
        return wrapped
    }

    func wrapOutput(_ output: Tensor) -> Tensor {
        guard isGradEnabled, output.requiresGrad else { return output }
        return Tensor.function("BackwardHookFunctionBackward", inputs: [output], output: output) { [self] grad in
            [receive(gradOutput: grad)[0]]
        }
    }

    /// The output's node: backward-pre hooks may replace the gradient; without a wrapped input
    /// the full backward hooks run here, with `gradInput` all `nil` (one per input).
    private func receive(gradOutput grad: Tensor) -> [Tensor?] {
        var gradOutputs: [Tensor?] = [grad]
        for hook in preHooks {
            guard let replaced = hook(module, gradOutputs) else { continue }
            precondition(replaced.count == gradOutputs.count,
                         "Backward pre hook returned an invalid number of grad_output, got \(replaced.count), but expected \(gradOutputs.count)")
            gradOutputs = replaced
        }
        if inputWrapped {
            self.gradOutputs = gradOutputs
        } else {
            for hook in hooks {
                let replaced = hook(module, [Tensor?](repeating: nil, count: inputCount), gradOutputs)
                precondition(replaced == nil || replaced!.allSatisfy { $0 == nil },
                             "Backward hook for Modules where no input requires gradient should always return None or None for all gradients.")
            }
        }
        return gradOutputs
    }

    /// The input's node: the module's backward is done, so the full backward hooks see
    /// `gradInput` and the `gradOutput` kept by the output's node.
    private func runHooks(gradInput: [Tensor?]) -> [Tensor?] {
        // The gradient reached the input without passing through the output: no hooks (torch).
        guard let gradOutputs else { return gradInput }
        var result = gradInput
        for hook in hooks {
            guard let replaced = hook(module, result, gradOutputs) else { continue }
            precondition(replaced.count == result.count,
                         "Backward hook returned an invalid number of grad_input, got \(replaced.count), but expected \(result.count)")
            result = replaced
        }
        self.gradOutputs = nil
        return result
    }
}
