import LumenTensor

/// A picture to a `[C, H, W]` tensor of bytes / 255, as torchvision's `ToTensor`.
///
/// ```swift
/// let x = try ToTensor()(.image(photo)).tensor()
/// ```
public struct ToTensor: Transform {
    /// The transform.
    ///
    /// ```swift
    /// let toTensor = ToTensor()
    /// ```
    public init() {}

    /// - Throws: ``VisionError`` for a tensor input, as torchvision's `ToTensor` takes pictures only.
    public func callAsFunction(_ input: TransformInput, generator: Generator) throws -> TransformInput {
        guard case .image(let image) = input else {
            throw VisionError("ToTensor: expected a picture, got a tensor of shape \(input.tensor().shape)")
        }
        return .tensor(image.tensor())
    }
}
