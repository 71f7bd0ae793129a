import LumenTensor

/// One call's full backward hooks, as torch's `torch.utils.hooks.BackwardHook`: identity
/// autograd nodes around the module's input and output share the gradient with respect to the
/// output, so the input's node can hand both to the hooks.
final class BackwardHookState {
    let module: Module
    let hooks: [FullBackwardHook]
    let preHooks: [FullBackwardPreHook]
    /// Whether the input was wrapped (it required grad while grad mode was on).
    private var inputWrapped = false
    /// The gradient with respect to the output, from its arrival until the input's node uses it.
    private var gradOutputs: [Tensor?]?

    init(module: Module, hooks: [FullBackwardHook], preHooks: [FullBackwardPreHook]) {
        self.module = module
        self.hooks = hooks
        self.preHooks = preHooks
    }

    func wrapInputs(_ inputs: [Tensor]) -> [Tensor] {
        guard isGradEnabled, inputs.contains(where: \.requiresGrad) else { return inputs }
        inputWrapped = true
        return inputs.map { input in
            guard input.requiresGrad else { return input }
            return Tensor.function("BackwardHookFunctionBackward", inputs: [input], output: input) { [self] grad in
                [runHooks(gradInput: [grad])[0]]
            }
        }
    }

    func wrapOutput(_ output: Tensor) -> Tensor {
        guard isGradEnabled, output.requiresGrad else { return output }
        return Tensor.function("BackwardHookFunctionBackward", inputs: [output], output: output) { [self] grad in
            [receive(gradOutput: grad)[0]]
        }
    }

    /// The output's node: backward-pre hooks may replace the gradient; without a wrapped input
    /// the full backward hooks run here, with `gradInput = [nil]`.
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
                let replaced = hook(module, [nil], gradOutputs)
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
