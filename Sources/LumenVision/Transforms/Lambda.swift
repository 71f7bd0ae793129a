import LumenTensor

/// A transform made from a closure, as torchvision's `Lambda`.
///
/// ```swift
/// let invert = Lambda { input in .tensor(1 - input.tensor()) }
/// ```
public struct Lambda: Transform {
    private let body: (TransformInput) throws -> TransformInput

    /// Wraps `body`.
    ///
    /// ```swift
    /// let double = Lambda { .tensor($0.tensor() * 2) }
    /// ```
    public init(_ body: @escaping (TransformInput) throws -> TransformInput) {
        self.body = body
    }

    public func callAsFunction(_ input: TransformInput, generator: Generator) throws -> TransformInput {
        try body(input)
    }
}
