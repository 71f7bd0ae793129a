extension Tensor {
    /// Calls `body` with a pointer to this tensor's values, row-major, for a loop Lumen has no
    /// op for; the pointer is valid only inside `body`.
    ///
    /// ```swift
    /// let largest = t.withUnsafeScalars { $0.max() }
    /// ```
    public func withUnsafeScalars<Result>(_ body: (UnsafeBufferPointer<Float>) throws -> Result) rethrows -> Result {
        try storage.withUnsafeBufferPointer(body)
    }

    /// Calls `body` with a pointer to this tensor's values that it may change in place, as an
    /// optimizer's fused update does; the change is not recorded by autograd. Like
    /// ``assign(_:)``, it stops for a leaf that requires grad unless run under ``withNoGrad(_:)``.
    ///
    /// ```swift
    /// withNoGrad { w.withUnsafeMutableScalars { for i in $0.indices { $0[i] *= 0.5 } } }
    /// ```
    public func withUnsafeMutableScalars<Result>(_ body: (UnsafeMutableBufferPointer<Float>) throws -> Result) rethrows -> Result {
        precondition(!(GradMode.isEnabled && requiresGrad && isLeaf),
                     "a leaf Variable that requires grad is being used in an in-place operation.")
        return try storage.withUnsafeMutableBufferPointer { try body($0) }
    }
}
