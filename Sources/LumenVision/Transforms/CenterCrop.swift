import LumenTensor

/// Crops the centre, as torchvision's `CenterCrop` (zero-padded when the image is smaller).
///
/// ```swift
/// let middle = CenterCrop(224)
/// ```
public struct CenterCrop: Transform {
    /// `[height, width]` of the crop.
    public let size: [Int]

    /// A `height × width` centre crop (`[s]` for a square).
    ///
    /// ```swift
    /// let crop = CenterCrop([100, 200])
    /// ```
    public init(_ size: [Int]) { self.size = size }

    /// A square `size × size` centre crop.
    ///
    /// ```swift
    /// let crop = CenterCrop(224)
    /// ```
    public init(_ size: Int) { self.size = [size, size] }

    /// - Throws: ``VisionError`` naming `CenterCrop` for a bad size or input shape.
    public func callAsFunction(_ input: TransformInput, generator: Generator) throws -> TransformInput {
        try PlanesFunction.apply(input, "CenterCrop") { try centerCropPlanes($0, size: size, operation: "CenterCrop") }
    }
}
