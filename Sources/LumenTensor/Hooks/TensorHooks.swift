extension Tensor {
    /// Registers a hook called with this tensor's gradient each time one is computed; a tensor
    /// it returns replaces the gradient that flows on (and, on a leaf, what accumulates into
    /// ``grad``: hooks run before accumulation). Registering on a tensor that does not require
    /// grad stops with torch's message.
    ///
    /// ```swift
    /// let handle = w.registerHook { grad in grad * 2 }   // doubles w's gradient
    /// try loss.backward()
    /// handle.remove()
    /// ```
    @discardableResult
    public func registerHook(_ hook: @escaping (_ grad: Tensor) -> Tensor?) -> RemovableHandle {
        precondition(requiresGrad, "cannot register a hook on a tensor that doesn't require gradient")
        let hooks = gradientHooks ?? HookList()
        gradientHooks = hooks
        return hooks.add(hook)
    }

    /// Registers a hook that observes this tensor's gradient without changing it.
    ///
    /// ```swift
    /// a.registerHook { grad in print("a's gradient:", grad) }
    /// ```
    @discardableResult
    public func registerHook(_ hook: @escaping (_ grad: Tensor) -> Void) -> RemovableHandle {
        registerHook { grad -> Tensor? in
            hook(grad)
            return nil
        }
    }

    /// Registers a hook on a leaf called with the tensor itself after its gradient has been
    /// accumulated into ``grad`` (torch's `register_post_accumulate_grad_hook`).
    ///
    /// ```swift
    /// w.registerPostAccumulateGradHook { w in print(w.grad!) }
    /// ```
    @discardableResult
    public func registerPostAccumulateGradHook(_ hook: @escaping (_ tensor: Tensor) -> Void) -> RemovableHandle {
        precondition(requiresGrad, "cannot register a hook on a tensor that doesn't require gradient")
        precondition(isLeaf, "post accumulate grad hooks cannot be registered on non-leaf tensors")
        let hooks = postAccumulateGradHooks ?? HookList()
        postAccumulateGradHooks = hooks
        return hooks.add(hook)
    }
}
