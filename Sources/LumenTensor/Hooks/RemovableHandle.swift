import Synchronization

/// A handle that removes the hook it was returned for, as `torch.utils.hooks.RemovableHandle`.
///
/// `remove()` may be called any number of times; only the first has an effect. The handle does
/// not keep the hook's owner alive: once a tensor or module is gone, `remove()` does nothing.
/// One handle may remove hooks from several lists (torch's `extra_dict`): one made with
/// ``init(combining:)`` removes everything its parts remove.
///
/// ### Example
/// ```swift
/// let handle = x.registerHook { grad in print(grad) }
/// handle.remove()
/// ```
public final class RemovableHandle {
    /// The hook's identifier, unique among all handles of the process (torch's `handle.id`).
    public let id: Int
    private var registrations: [Registration]

    /// A hook registered under an id in a list, which the list's owner may have released.
    private struct Registration {
        weak var list: (any HookRemoving)?
        let id: Int
    }

    /// Handles made so far, as torch's `RemovableHandle.next_id`.
    private static let made = Atomic<Int>(0)

    /// A handle for a hook about to be added to `list` under the new handle's ``id``.
    init(removingFrom list: some HookRemoving) {
        id = Self.made.add(1, ordering: .relaxed).oldValue
        registrations = [Registration(list: list, id: id)]
    }

    /// One handle that removes every hook `handles` remove: one handle for a feature that
    /// registers many hooks.
    ///
    /// ```swift
    /// let handle = RemovableHandle(combining: layers.map { $0.registerForwardHook { _, _, _ in } })
    /// handle.remove()   // removes them all
    /// ```
    public init(combining handles: [RemovableHandle]) {
        id = Self.made.add(1, ordering: .relaxed).oldValue
        registrations = handles.flatMap(\.registrations)
    }

    /// Removes the hook. Later calls do nothing.
    ///
    /// ```swift
    /// handle.remove()
    /// ```
    public func remove() {
        let removing = registrations
        registrations = []
        for registration in removing { registration.list?.removeHook(id: registration.id) }
    }
}
