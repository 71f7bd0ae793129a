import LumenTensor

/// Resizes to a size, or the shorter side to a length, as torchvision's `Resize` on tensors.
///
/// ```swift
/// let shorterSide = Resize(256)                                   // aspect ratio kept
/// let exact = Resize([224, 224], interpolation: .bicubic)
/// ```
public struct Resize: Transform {
    /// `[height, width]`, or `[s]` for the shorter side.
    public let size: [Int]
    public let interpolation: InterpolationMode
    /// The longest the longer side may become (only with a one-value `size`).
    public let maxSize: Int?
    /// Low-pass filter before shrinking (bilinear and bicubic only).
    public let antialias: Bool

    /// Resizes to `[height, width]`, or with `[s]` the shorter side to `s`.
    ///
    /// ```swift
    /// let resize = Resize([32, 48], interpolation: .nearest)
    /// ```
    public init(_ size: [Int], interpolation: InterpolationMode = .bilinear, maxSize: Int? = nil, antialias: Bool = true) {
        self.size = size
        self.interpolation = interpolation
        self.maxSize = maxSize
        self.antialias = antialias
    }

    /// Resizes the shorter side to `size`, keeping the aspect ratio.
    ///
    /// ```swift
    /// let resize = Resize(256, maxSize: 400)
    /// ```
    public init(_ size: Int, interpolation: InterpolationMode = .bilinear, maxSize: Int? = nil, antialias: Bool = true) {
        self.init([size], interpolation: interpolation, maxSize: maxSize, antialias: antialias)
    }

    /// - Throws: ``VisionError`` naming `Resize` for a bad size or input shape.
    public func callAsFunction(_ input: TransformInput, generator: Generator) throws -> TransformInput {
        try PlanesFunction.apply(input, "Resize") { try resizePlanes($0, size: size, interpolation, maxSize, antialias, "Resize") }
    }
}
