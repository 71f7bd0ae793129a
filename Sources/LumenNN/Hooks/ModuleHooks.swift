import LumenTensor

/// A hook run before ``Module/forward(_:)`` with the module and its inputs (as torch's `input`
/// tuple: one tensor for a layer, input and target for a ``Loss``); an array it returns
/// replaces them.
public typealias ForwardPreHook = (_ module: Module, _ input: [Tensor]) -> [Tensor]?
/// A hook run after ``Module/forward(_:)`` with the module, its input and its output; a tensor
/// it returns replaces the output.
public typealias ForwardHook = (_ module: Module, _ input: [Tensor], _ output: Tensor) -> Tensor?
/// A hook run when the gradients with respect to a module's inputs have been computed, with
/// `gradInput` (one entry per input: all `nil` when no input requires grad; zeros for an input
/// that does not when another does, as torch) and `gradOutput`; an array it returns replaces
/// `gradInput`.
public typealias FullBackwardHook = (_ module: Module, _ gradInput: [Tensor?], _ gradOutput: [Tensor?]) -> [Tensor?]?
/// A hook run when the gradient with respect to a module's output reaches it, before the
/// module's own backward; an array it returns replaces `gradOutput`.
public typealias FullBackwardPreHook = (_ module: Module, _ gradOutput: [Tensor?]) -> [Tensor?]?

extension Module {
    /// Runs the module: forward-pre hooks, ``forward(_:)``, forward hooks, with full backward
    /// hooks wrapped around the input and output, in the order of torch's `Module._call_impl`.
    ///
    /// 1. Global forward-pre hooks (`registerModuleForwardPreHook`), then
    ///    this module's; each may replace the input.
    /// 2. If any full backward or backward-pre hook is registered (globally or here) and grad
    ///    mode is on, an identity autograd node (`BackwardHookFunctionBackward`) wraps the input
    ///    when it requires grad.
    /// 3. ``forward(_:)``.
    /// 4. Global forward hooks, then this module's, with the (wrapped) input; each may replace
    ///    the output. Both lists are read after `forward` returns, as torch reads them: a hook
    ///    a pre-hook removed does not run, one it added does.
    /// 5. An identity node wraps the output when it requires grad: in backward it runs the
    ///    backward-pre hooks on `gradOutput`; the input's node runs the full backward hooks on
    ///    `gradInput` once the module's backward is done. When no input requires grad, the
    ///    output's node runs them with `gradInput = [nil]`. (A ``Loss`` passes its input and
    ///    target through the same steps, as arrays of two.)
    ///
    /// ```swift
    /// let y = model(x)
    /// ```
    public func callAsFunction(_ input: Tensor) -> Tensor {
        callWithHooks([input]) { forward($0[0]) }
    }

    /// Runs `body` on `inputs` with the hooks of ``callAsFunction(_:)`` around it; modules whose
    /// forward takes several tensors (losses: input and target) call it with all of them.
    func callWithHooks(_ inputs: [Tensor], _ body: ([Tensor]) -> Tensor) -> Tensor {
        let global = GlobalModuleHooks.self
        if global.isEmpty && forwardPreHooks.isEmpty && forwardHooks.isEmpty && fullBackwardHooks.isEmpty
            && fullBackwardPreHooks.isEmpty && legacyBackwardHooks.isEmpty {
            return body(inputs)
        }
        let preHooks = global.forwardPre.hooks(followedBy: forwardPreHooks)
        // As torch, the backward hooks in force are those registered when the module is called.
        let backwardHooks = global.fullBackward.hooks(followedBy: fullBackwardHooks)
        let backwardPreHooks = global.fullBackwardPre.hooks(followedBy: fullBackwardPreHooks)
        var arguments = inputs
        for hook in preHooks {
            guard let replaced = hook(self, arguments) else { continue }
            precondition(replaced.count == inputs.count,
                         "forward pre-hook of \(typeName) returned \(replaced.count) inputs; \(typeName).forward takes \(inputs.count)")
            arguments = replaced
        }
        var backwardState: BackwardHookState?
        if !backwardHooks.isEmpty || !backwardPreHooks.isEmpty {
            let state = BackwardHookState(module: self, hooks: backwardHooks, preHooks: backwardPreHooks)
            arguments = state.wrapInputs(arguments)
            backwardState = state
        }
        var output = body(arguments)
        // As torch, the forward hooks are read once forward has returned: what a pre-hook (or
        // forward itself) added or removed counts in this call.
        for hook in global.forward.hooks(followedBy: forwardHooks) {
            if let replaced = hook(self, arguments, output) { output = replaced }
        }
        if let backwardState { output = backwardState.wrapOutput(output) }
        attachLegacyBackwardHooks(to: output)
        return output
    }

    /// Registers a hook run before every ``forward(_:)`` of this module (torch's
    /// `register_forward_pre_hook`); an array it returns replaces the input. With `prepend` it
    /// runs before this module's earlier hooks (global hooks still run first).
    ///
    /// ```swift
    /// model.registerForwardPreHook { module, input in [input[0] * 2] }
    /// ```
    @discardableResult
    public func registerForwardPreHook(prepend: Bool = false, _ hook: @escaping ForwardPreHook) -> RemovableHandle {
        forwardPreHooks.add(hook, prepend: prepend)
    }

    /// Registers a forward-pre hook that observes the input.
    ///
    /// ```swift
    /// model.registerForwardPreHook { module, input in print(input[0].shape) }
    /// ```
    @discardableResult @_disfavoredOverload
    public func registerForwardPreHook(prepend: Bool = false, _ hook: @escaping (_ module: Module, _ input: [Tensor]) -> Void) -> RemovableHandle {
        registerForwardPreHook(prepend: prepend) { module, input -> [Tensor]? in
            hook(module, input)
            return nil
        }
    }

    /// Registers a hook run after every ``forward(_:)`` of this module (torch's
    /// `register_forward_hook`); a tensor it returns replaces the output.
    ///
    /// A one-expression closure that returns nothing (`{ _, _, output in maps.append(output) }`)
    /// only observes. A closure of several statements returns `nil` to keep the output, as a
    /// torch hook returns `None`; the same holds for every module hook.
    ///
    /// ```swift
    /// conv.registerForwardHook { module, input, output in output.relu() }
    /// ```
    @discardableResult
    public func registerForwardHook(prepend: Bool = false, _ hook: @escaping ForwardHook) -> RemovableHandle {
        forwardHooks.add(hook, prepend: prepend)
    }

    /// Registers a forward hook that observes the input and output (feature maps, say).
    ///
    /// ```swift
    /// var featureMaps: [Tensor] = []
    /// conv.registerForwardHook { module, input, output in featureMaps.append(output) }
    /// ```
    @discardableResult @_disfavoredOverload
    public func registerForwardHook(
        prepend: Bool = false, _ hook: @escaping (_ module: Module, _ input: [Tensor], _ output: Tensor) -> Void
    ) -> RemovableHandle {
        registerForwardHook(prepend: prepend) { module, input, output -> Tensor? in
            hook(module, input, output)
            return nil
        }
    }

    /// Registers a hook run when the gradients with respect to this module's input are
    /// computed (torch's `register_full_backward_hook`); an array it returns replaces
    /// `gradInput`. When the input does not require grad the hook still runs, with
    /// `gradInput = [nil]`, and may not replace it.
    ///
    /// ```swift
    /// model.registerFullBackwardHook { module, gradInput, gradOutput in gradInput.map { $0.map { $0 * 0.5 } } }
    /// ```
    @discardableResult
    public func registerFullBackwardHook(prepend: Bool = false, _ hook: @escaping FullBackwardHook) -> RemovableHandle {
        precondition(legacyBackwardHooks.isEmpty,
                     "Cannot use both regular backward hooks and full backward hooks on a single Module. Please use only one of them.")
        return fullBackwardHooks.add(hook, prepend: prepend)
    }

    /// Registers a full backward hook that observes `gradInput` and `gradOutput`.
    ///
    /// ```swift
    /// conv.registerFullBackwardHook { module, gradInput, gradOutput in print(gradOutput[0]!.shape) }
    /// ```
    @discardableResult @_disfavoredOverload
    public func registerFullBackwardHook(
        prepend: Bool = false, _ hook: @escaping (_ module: Module, _ gradInput: [Tensor?], _ gradOutput: [Tensor?]) -> Void
    ) -> RemovableHandle {
        registerFullBackwardHook(prepend: prepend) { module, gradInput, gradOutput -> [Tensor?]? in
            hook(module, gradInput, gradOutput)
            return nil
        }
    }

    /// Registers a hook run when the gradient with respect to this module's output arrives,
    /// before the module's backward (torch's `register_full_backward_pre_hook`); an array it
    /// returns replaces `gradOutput`.
    ///
    /// ```swift
    /// model.registerFullBackwardPreHook { module, gradOutput in gradOutput.map { $0.map { $0.clamp(min: -1, max: 1) } } }
    /// ```
    @discardableResult
    public func registerFullBackwardPreHook(prepend: Bool = false, _ hook: @escaping FullBackwardPreHook) -> RemovableHandle {
        fullBackwardPreHooks.add(hook, prepend: prepend)
    }

    /// Registers a backward-pre hook that observes `gradOutput`.
    ///
    /// ```swift
    /// fc.registerFullBackwardPreHook { module, gradOutput in print(gradOutput[0]!) }
    /// ```
    @discardableResult @_disfavoredOverload
    public func registerFullBackwardPreHook(
        prepend: Bool = false, _ hook: @escaping (_ module: Module, _ gradOutput: [Tensor?]) -> Void
    ) -> RemovableHandle {
        registerFullBackwardPreHook(prepend: prepend) { module, gradOutput -> [Tensor?]? in
            hook(module, gradOutput)
            return nil
        }
    }
}
