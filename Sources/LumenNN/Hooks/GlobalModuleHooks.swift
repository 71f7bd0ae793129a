import Foundation
import LumenTensor

/// Hooks that run for every module, before each module's own (torch's
/// `register_module_forward_pre_hook` and friends).
enum GlobalModuleHooks {
    struct Registry {
        var forwardPre: [(id: Int, hook: ForwardPreHook)] = []
        var forward: [(id: Int, hook: ForwardHook)] = []
        var fullBackward: [(id: Int, hook: FullBackwardHook)] = []
        var fullBackwardPre: [(id: Int, hook: FullBackwardPreHook)] = []
        var nextID = 0
    }

    /// The hooks in force for one call.
    struct Snapshot {
        let forwardPre: [ForwardPreHook]
        let forward: [ForwardHook]
        let fullBackward: [FullBackwardHook]
        let fullBackwardPre: [FullBackwardPreHook]
    }

    private static let lock = NSLock()
    // Guarded by `lock`; hooks may be registered from any thread.
    nonisolated(unsafe) private static var registry = Registry()

    /// The global forward hooks registered now.
    static func forwardHooks() -> [ForwardHook] {
        lock.withLock { registry.forward.map(\.hook) }
    }

    static func snapshot() -> Snapshot {
        lock.withLock {
            Snapshot(forwardPre: registry.forwardPre.map(\.hook), forward: registry.forward.map(\.hook),
                     fullBackward: registry.fullBackward.map(\.hook), fullBackwardPre: registry.fullBackwardPre.map(\.hook))
        }
    }

    static func register<Hook>(
        _ hook: Hook, prepend: Bool, in list: WritableKeyPath<Registry, [(id: Int, hook: Hook)]>
    ) -> RemovableHandle {
        let id = lock.withLock {
            let id = registry.nextID
            registry.nextID += 1
            Module.insert((id, hook), into: &registry[keyPath: list], prepend: prepend)
            return id
        }
        return RemovableHandle(id: id) {
            lock.withLock { registry[keyPath: list].removeAll { $0.id == id } }
        }
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
    GlobalModuleHooks.register(hook, prepend: prepend, in: \.forwardPre)
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
    GlobalModuleHooks.register(hook, prepend: prepend, in: \.forward)
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
    GlobalModuleHooks.register(hook, prepend: prepend, in: \.fullBackward)
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
    GlobalModuleHooks.register(hook, prepend: prepend, in: \.fullBackwardPre)
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
