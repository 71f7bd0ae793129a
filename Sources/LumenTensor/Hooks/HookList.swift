import Foundation
import Synchronization

/// Hooks in calling order, each removed by the ``RemovableHandle`` its registration returned:
/// the ordered dictionary torch keeps a tensor's, an autograd node's or a module's hooks in,
/// and the one list type behind all of Lumen's hooks.
///
/// ``hooks`` is the list as it is when read. Hooks are called from that array, so a hook that
/// removes itself or another hook, or registers one, changes the next call, not the one under
/// way, as torch calls hooks from a copy of its dictionary's values.
///
/// A list is synchronized only when made with `synchronized: true` (the global module hooks,
/// which any thread may register); a tensor's, a node's or a module's hooks are not, as in torch.
///
/// ### Example
/// ```swift
/// let hooks = HookList<(Tensor) -> Void>()
/// let handle = hooks.add { grad in print(grad) }
/// for hook in hooks.hooks { hook(grad) }
/// handle.remove()
/// ```
public final class HookList<Hook>: HookRemoving {
    private var ids: [Int] = []
    // What a call reads is inlinable, so that a module call specializes it for its hook type
    // (unspecialized, each read looks up the generic metadata of a function type: ~0.1 µs).
    /// Kept apart from `ids` so that reading ``hooks`` copies nothing.
    @usableFromInline var storedHooks: [Hook] = []
    /// How many hooks are registered, readable without the lock.
    @usableFromInline let registered = Atomic<Int>(0)
    @usableFromInline let lock: NSLock?

    /// An empty list; with `synchronized`, one that any thread may change and read.
    ///
    /// ```swift
    /// let forwardHooks = HookList<ForwardHook>()
    /// ```
    public init(synchronized: Bool = false) {
        lock = synchronized ? NSLock() : nil
    }

    /// Whether no hook is registered: the check a call makes before anything else.
    ///
    /// ```swift
    /// if hooks.isEmpty { return forward(input) }
    /// ```
    @inlinable public var isEmpty: Bool { registered.load(ordering: .relaxed) == 0 }

    /// The hooks in calling order, as they are now; later registrations and removals do not
    /// change the array returned.
    ///
    /// ```swift
    /// for hook in forwardHooks.hooks { output = hook(self, input, output) ?? output }
    /// ```
    @inlinable public var hooks: [Hook] {
        guard let lock else { return storedHooks }
        // Global lists are read on every module call and are nearly always empty: no lock then.
        if isEmpty { return [] }
        return lock.withLock { storedHooks }
    }

    /// These hooks, then `later`'s, as they are now (the global module hooks, then a module's
    /// own), without copying either list when the other is empty.
    ///
    /// ```swift
    /// for hook in globalForwardHooks.hooks(followedBy: forwardHooks) { … }
    /// ```
    @inlinable public func hooks(followedBy later: HookList) -> [Hook] {
        let first = hooks, second = later.hooks
        return first.isEmpty ? second : second.isEmpty ? first : first + second
    }

    /// Registers `hook` after the others or, with `prepend`, before them (torch's `prepend=True`).
    ///
    /// ```swift
    /// let handle = forwardHooks.add(hook, prepend: true)
    /// ```
    @discardableResult
    public func add(_ hook: Hook, prepend: Bool = false) -> RemovableHandle {
        let handle = RemovableHandle(removingFrom: self)
        lock?.lock()
        defer { lock?.unlock() }
        if prepend {
            ids.insert(handle.id, at: 0)
            storedHooks.insert(hook, at: 0)
        } else {
            ids.append(handle.id)
            storedHooks.append(hook)
        }
        registered.add(1, ordering: .relaxed)
        return handle
    }

    func removeHook(id: Int) {
        lock?.lock()
        defer { lock?.unlock() }
        guard let index = ids.firstIndex(of: id) else { return }
        ids.remove(at: index)
        storedHooks.remove(at: index)
        registered.subtract(1, ordering: .relaxed)
    }
}

/// A list a ``RemovableHandle`` removes hooks from, whatever the hooks' type.
protocol HookRemoving: AnyObject {
    /// Removes the hook registered under `id`, if it is still there.
    func removeHook(id: Int)
}
