import LumenTensor

/// Hooks that run for every module, before each module's own (torch's
/// `register_module_forward_pre_hook` and friends). Any thread may register them, so the lists
/// are synchronized.
enum GlobalModuleHooks {
    nonisolated(unsafe) static let forwardPre = HookList<ForwardPreHook>(synchronized: true)
    nonisolated(unsafe) static let forward = HookList<ForwardHook>(synchronized: true)
    nonisolated(unsafe) static let fullBackward = HookList<FullBackwardHook>(synchronized: true)
    nonisolated(unsafe) static let fullBackwardPre = HookList<FullBackwardPreHook>(synchronized: true)

    /// Whether no global hook is registered, read without a lock.
    static var isEmpty: Bool {
        forwardPre.isEmpty && forward.isEmpty && fullBackward.isEmpty && fullBackwardPre.isEmpty
    }
}

/// Registers a forward-pre hook run for every module, before the module's own pre-hooks
/// (torch's `register_module_forward_pre_hook`); an array it returns replaces the input.
///
/// ```swift
/// let handle = registerModuleForwardPreHook { module, input in print(module.typeName, input[0].shape) }
/// handle.remove()
/// ```
@discardableResult
public func registerModuleForwardPreHook(prepend: Bool = false, _ hook: @escaping ForwardPreHook) -> RemovableHandle {
    GlobalModuleHooks.forwardPre.add(hook, prepend: prepend)
}

/// Registers a global forward-pre hook that observes every module's input.
///
/// ```swift
/// registerModuleForwardPreHook { module, input in print(module.typeName) }
/// ```
@discardableResult @_disfavoredOverload
public func registerModuleForwardPreHook(prepend: Bool = false, _ hook: @escaping (_ module: Module, _ input: [Tensor]) -> Void) -> RemovableHandle {
    registerModuleForwardPreHook(prepend: prepend) { module, input -> [Tensor]? in
        hook(module, input)
        return nil
    }
}

/// Registers a forward hook run for every module, before the module's own forward hooks
/// (torch's `register_module_forward_hook`); a tensor it returns replaces the output.
///
/// ```swift
/// let handle = registerModuleForwardHook { module, input, output in print(module.typeName, output.shape) }
/// ```
@discardableResult
public func registerModuleForwardHook(prepend: Bool = false, _ hook: @escaping ForwardHook) -> RemovableHandle {
    GlobalModuleHooks.forward.add(hook, prepend: prepend)
}

/// Registers a global forward hook that observes every module's input and output.
///
/// ```swift
/// registerModuleForwardHook { module, input, output in print(module.typeName, output.shape) }
/// ```
@discardableResult @_disfavoredOverload
public func registerModuleForwardHook(
    prepend: Bool = false, _ hook: @escaping (_ module: Module, _ input: [Tensor], _ output: Tensor) -> Void
) -> RemovableHandle {
    registerModuleForwardHook(prepend: prepend) { module, input, output -> Tensor? in
        hook(module, input, output)
        return nil
    }
}

/// Registers a full backward hook run for every module, before the module's own (torch's
/// `register_module_full_backward_hook`); an array it returns replaces `gradInput`.
///
/// ```swift
/// registerModuleFullBackwardHook { module, gradInput, gradOutput in nil }
/// ```
@discardableResult
public func registerModuleFullBackwardHook(prepend: Bool = false, _ hook: @escaping FullBackwardHook) -> RemovableHandle {
    GlobalModuleHooks.fullBackward.add(hook, prepend: prepend)
}

/// Registers a global full backward hook that observes every module's gradients.
///
/// ```swift
/// registerModuleFullBackwardHook { module, gradInput, gradOutput in print(module.typeName) }
/// ```
@discardableResult @_disfavoredOverload
public func registerModuleFullBackwardHook(
    prepend: Bool = false, _ hook: @escaping (_ module: Module, _ gradInput: [Tensor?], _ gradOutput: [Tensor?]) -> Void
) -> RemovableHandle {
    registerModuleFullBackwardHook(prepend: prepend) { module, gradInput, gradOutput -> [Tensor?]? in
        hook(module, gradInput, gradOutput)
        return nil
    }
}

/// Registers a backward-pre hook run for every module, before the module's own (torch's
/// `register_module_full_backward_pre_hook`); an array it returns replaces `gradOutput`.
///
/// ```swift
/// registerModuleFullBackwardPreHook { module, gradOutput in print(module.typeName) }
/// ```
@discardableResult
public func registerModuleFullBackwardPreHook(prepend: Bool = false, _ hook: @escaping FullBackwardPreHook) -> RemovableHandle {
    GlobalModuleHooks.fullBackwardPre.add(hook, prepend: prepend)
}

/// Registers a global backward-pre hook that observes every module's `gradOutput`.
///
/// ```swift
/// registerModuleFullBackwardPreHook { module, gradOutput in print(module.typeName) }
/// ```
@discardableResult @_disfavoredOverload
public func registerModuleFullBackwardPreHook(
    prepend: Bool = false, _ hook: @escaping (_ module: Module, _ gradOutput: [Tensor?]) -> Void
) -> RemovableHandle {
    registerModuleFullBackwardPreHook(prepend: prepend) { module, gradOutput -> [Tensor?]? in
        hook(module, gradOutput)
        return nil
    }
}
