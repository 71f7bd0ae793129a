import LumenTensor

/// Converts to gray (0.2989 R + 0.587 G + 0.114 B) in 1 or 3 channels, as torchvision's
/// `Grayscale`.
///
/// ```swift
/// let gray = Grayscale(numOutputChannels: 3)
/// ```
public struct Grayscale: Transform {
    /// 1, or 3 identical channels.
    public let numOutputChannels: Int

    /// The transform.
    ///
    /// ```swift
    /// let gray = Grayscale()
    /// ```
    public init(numOutputChannels: Int = 1) { self.numOutputChannels = numOutputChannels }

    /// - Throws: ``VisionError`` naming `Grayscale` for other than 1 or 3 input channels or
    ///   output channels.
    public func callAsFunction(_ input: TransformInput, generator: Generator) throws -> TransformInput {
        try PlanesFunction.apply(input, "Grayscale") { try grayscalePlanes($0, outputChannels: numOutputChannels, operation: "Grayscale") }
    }
}
