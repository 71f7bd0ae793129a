import LumenTensor

/// `(x − mean) / std` per channel, as torchvision's `Normalize` (tensors only).
///
/// ```swift
/// let imagenet = Normalize(mean: [0.485, 0.456, 0.406], std: [0.229, 0.224, 0.225])
/// ```
public struct Normalize: Transform {
    /// One mean per channel (or one for all).
    public let mean: [Float]
    /// One standard deviation per channel (or one for all).
    public let std: [Float]

    /// The transform; a zero `std` is reported when it is applied.
    ///
    /// ```swift
    /// let centred = Normalize(mean: [0.5], std: [0.5])
    /// ```
    public init(mean: [Float], std: [Float]) {
        self.mean = mean
        self.std = std
    }

    /// - Throws: ``VisionError`` for a picture (apply ``ToTensor`` first), a channel-count
    ///   mismatch or a zero standard deviation.
    public func callAsFunction(_ input: TransformInput, generator: Generator) throws -> TransformInput {
        guard case .tensor(let x) = input else {
            throw VisionError("Normalize: expected a tensor, got a picture (apply ToTensor first)")
        }
        return .tensor(try normalize(x, mean: mean, std: std, operation: "Normalize"))
    }
}
