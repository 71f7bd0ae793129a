import LumenTensor

extension Module {
    /// Registers a hook with torch's legacy `register_backward_hook` semantics: it is attached
    /// to the autograd node that produced the module's output (the last op of ``forward(_:)``),
    /// so `gradInput` holds the gradients for **that op's** inputs (`nil` for one that does not
    /// require grad), not the module's, and `gradOutput` the gradient that reached it. An array
    /// it returns replaces `gradInput`. Prefer `registerFullBackwardHook`, which
    /// sees the module's own inputs; a module takes one kind or the other, as in torch.
    ///
    /// ```swift
    /// relu.registerBackwardHook { module, gradInput, gradOutput in print(gradInput[0]!.shape); return nil }
    /// ```
    @discardableResult
    public func registerBackwardHook(_ hook: @escaping FullBackwardHook) -> RemovableHandle {
        precondition(fullBackwardHooks.isEmpty,
                     "Cannot use both regular backward hooks and full backward hooks on a single Module. Please use only one of them.")
        return legacyBackwardHooks.add(hook)
    }

    /// Registers each legacy backward hook on the node that produced `output`, for this call.
    func attachLegacyBackwardHooks(to output: Tensor) {
        guard !legacyBackwardHooks.isEmpty, let node = output.gradFn else { return }
        for hook in legacyBackwardHooks.hooks {
            // Weak, as torch's: a graph that outlives the module does not keep it alive.
            node.registerHook { [weak self] gradInputs, gradOutputs in
                guard let self else { return nil }
                return hook(self, gradInputs, gradOutputs)
            }
        }
    }
}
