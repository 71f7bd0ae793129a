/// A handle that removes the hook it was returned for, as `torch.utils.hooks.RemovableHandle`.
///
/// `remove()` may be called any number of times; only the first has an effect.
///
/// ### Example
/// ```swift
/// let handle = x.registerHook { grad in print(grad) }
/// handle.remove()
/// ```
public final class RemovableHandle {
    /// The hook's identifier, unique among the hooks of its owner.
    public let id: Int
    private var onRemove: (() -> Void)?

    /// A handle that calls `onRemove` once, on the first ``remove()``.
    ///
    /// ```swift
    /// let handle = RemovableHandle(id: 0) { hooks.removeAll() }
    /// ```
    public init(id: Int, onRemove: @escaping () -> Void) {
        self.id = id
        self.onRemove = onRemove
    }

    /// Removes the hook. Later calls do nothing.
    ///
    /// ```swift
    /// handle.remove()
    /// ```
    public func remove() {
        let action = onRemove
        onRemove = nil
        action?()
    }
}
