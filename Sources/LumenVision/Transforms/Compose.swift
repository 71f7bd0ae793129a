import LumenTensor

/// Transforms applied one after another, as torchvision's `Compose`; itself a ``Transform``.
///
/// ```swift
/// let prepare = Compose {
///     Resize(256)
///     CenterCrop(224)
///     ToTensor()
///     Normalize(mean: [0.485, 0.456, 0.406], std: [0.229, 0.224, 0.225])
/// }
/// let x = try prepare(.image(photo)).tensor()
/// ```
public struct Compose: Transform {
    /// The steps, in order.
    public let transforms: [any Transform]

    /// The steps from an array.
    ///
    /// ```swift
    /// let prepare = Compose([Resize(32), ToTensor()])
    /// ```
    public init(_ transforms: [any Transform]) {
        self.transforms = transforms
    }

    /// The steps listed one per line.
    ///
    /// ```swift
    /// let augment = Compose { RandomHorizontalFlip(); ToTensor() }
    /// ```
    public init(@TransformBuilder _ build: () throws -> [any Transform]) rethrows {
        self.transforms = try build()
    }

    public func callAsFunction(_ input: TransformInput, generator: Generator) throws -> TransformInput {
        try transforms.reduce(input) { value, transform in try transform(value, generator: generator) }
    }
}

/// Collects the transforms listed in a ``Compose`` block.
///
/// ```swift
/// let steps = Compose { ToTensor(); if flip { RandomHorizontalFlip() } }
/// ```
@resultBuilder
public enum TransformBuilder {
    public static func buildExpression(_ transform: any Transform) -> [any Transform] { [transform] }
    public static func buildBlock(_ parts: [any Transform]...) -> [any Transform] { parts.flatMap { $0 } }
    public static func buildOptional(_ part: [any Transform]?) -> [any Transform] { part ?? [] }
    public static func buildEither(first part: [any Transform]) -> [any Transform] { part }
    public static func buildEither(second part: [any Transform]) -> [any Transform] { part }
    public static func buildArray(_ parts: [[any Transform]]) -> [any Transform] { parts.flatMap { $0 } }
}
