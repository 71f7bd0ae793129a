import LumenTensor

/// Rotates by a uniformly drawn angle, as torchvision's `RandomRotation` on tensors.
///
/// ```swift
/// let augment = RandomRotation(15, interpolation: .bilinear)
/// ```
public struct RandomRotation: Transform {
    /// The range the angle (degrees, counter-clockwise) is drawn from.
    public let degrees: ClosedRange<Double>
    public let interpolation: InterpolationMode
    /// Whether the output grows to hold the whole rotated image.
    public let expand: Bool
    /// The pivot `[x, y]` in pixels; the image centre when `nil`.
    public let center: [Int]?
    /// What fills the corners: one value or one per channel, in the input's units.
    public let fill: [Float]

    /// Rotates by an angle drawn from `degrees`.
    ///
    /// ```swift
    /// let turn = RandomRotation(-10...30, expand: true)
    /// ```
    public init(_ degrees: ClosedRange<Double>, interpolation: InterpolationMode = .nearest, expand: Bool = false,
                center: [Int]? = nil, fill: [Float] = [0]) {
        self.degrees = degrees
        self.interpolation = interpolation
        self.expand = expand
        self.center = center
        self.fill = fill
    }

    /// Rotates by an angle drawn from −`degrees`…`degrees` (`degrees` ≥ 0).
    ///
    /// ```swift
    /// let turn = RandomRotation(15)
    /// ```
    public init(_ degrees: Double, interpolation: InterpolationMode = .nearest, expand: Bool = false,
                center: [Int]? = nil, fill: [Float] = [0]) {
        let half = abs(degrees)
        self.init(-half...half, interpolation: interpolation, expand: expand, center: center, fill: fill)
    }

    /// The angle torchvision's `RandomRotation.get_params` draws: uniform over `degrees`.
    ///
    /// ```swift
    /// let angle = RandomRotation(15).angle(generator: Generator(seed: 3))
    /// ```
    public func angle(generator: Generator) -> Double {
        degrees.lowerBound + (degrees.upperBound - degrees.lowerBound) * generator.nextDouble()
    }

    /// - Throws: ``VisionError`` naming `RandomRotation` for an unsupported interpolation, a
    ///   bad `center` or a `fill` not matching the channels.
    public func callAsFunction(_ input: TransformInput, generator: Generator) throws -> TransformInput {
        try PlanesFunction.apply(input, "RandomRotation") { planes in
            // torchvision hands tensors a fill per channel, so the fill-mask blend always applies.
            let fill = self.fill.count == 1 ? [Float](repeating: self.fill[0], count: planes.channels) : self.fill
            return try rotatePlanes(planes, angle: angle(generator: generator), interpolation: interpolation, expand: expand,
                                    center: center, fill: fill, operation: "RandomRotation")
        }
    }
}
