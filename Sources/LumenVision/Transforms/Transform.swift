import LumenTensor

/// What flows through a chain of transforms: a decoded picture, or a `[C, H, W]` tensor.
///
/// Transforms accept both where torchvision's do (`Resize`, crops, flips, …) and keep the kind
/// they were given; ``ToTensor`` turns a picture into a tensor, as in torchvision.
public enum TransformInput {
    /// A decoded 8-bit picture.
    case image(Image)
    /// A `[C, H, W]` (or `[N, C, H, W]`) float tensor.
    case tensor(Tensor)

    /// The tensor, converting a picture as ``ToTensor`` does.
    ///
    /// ```swift
    /// let x = try Compose([Resize([32, 64]), ToTensor()])(.image(photo)).tensor()
    /// ```
    public func tensor() -> Tensor {
        switch self {
        case .image(let image): return image.tensor()
        case .tensor(let tensor): return tensor
        }
    }
}

/// One step of data preparation, as a torchvision transform: a picture or tensor in, one out.
///
/// Random transforms draw from `generator`, so a seeded generator gives the same
/// augmentations on every run.
///
/// ```swift
/// struct Invert: Transform {
///     func callAsFunction(_ input: TransformInput, generator: Generator) throws -> TransformInput {
///         .tensor(1 - input.tensor())
///     }
/// }
/// ```
public protocol Transform {
    /// Applies the transform.
    /// - Throws: ``VisionError`` naming the transform and the shape it cannot handle.
    func callAsFunction(_ input: TransformInput, generator: Generator) throws -> TransformInput
}

extension Transform {
    /// Applies the transform with the default generator.
    ///
    /// ```swift
    /// let x = try ToTensor()(.image(photo)).tensor()
    /// ```
    public func callAsFunction(_ input: TransformInput) throws -> TransformInput {
        try self(input, generator: .default)
    }
}
