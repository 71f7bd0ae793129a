import LumenTensor

/// Random brightness, contrast, saturation and hue changes in a random order, as
/// torchvision's `ColorJitter`.
///
/// ```swift
/// let jitter = try ColorJitter(brightness: 0.4, contrast: 0.4, saturation: 0.4, hue: 0.1)
/// ```
public struct ColorJitter: Transform {
    /// Ranges the factors are drawn from; `nil` leaves that property alone.
    public let brightness: ClosedRange<Double>?
    public let contrast: ClosedRange<Double>?
    public let saturation: ClosedRange<Double>?
    public let hue: ClosedRange<Double>?

    /// Factors drawn from `1 − amount … 1 + amount` (the low end clipped at 0) and hue shifts
    /// from `−hue … hue`; 0 turns a property off.
    ///
    /// ```swift
    /// let jitter = try ColorJitter(brightness: 0.2)
    /// ```
    /// - Throws: ``VisionError`` naming the parameter for a negative amount or a hue above 0.5.
    public init(brightness: Double = 0, contrast: Double = 0, saturation: Double = 0, hue: Double = 0) throws {
        func around(_ amount: Double, _ name: String, center: Double, clipAtZero: Bool) throws -> ClosedRange<Double> {
            guard amount >= 0 else { throw VisionError("ColorJitter: \(name) \(amount) is negative") }
            return (clipAtZero ? Swift.max(center - amount, 0) : center - amount)...(center + amount)
        }
        try self.init(brightnessRange: around(brightness, "brightness", center: 1, clipAtZero: true),
                      contrastRange: around(contrast, "contrast", center: 1, clipAtZero: true),
                      saturationRange: around(saturation, "saturation", center: 1, clipAtZero: true),
                      hueRange: around(hue, "hue", center: 0, clipAtZero: false))
    }

    /// Factors drawn from explicit ranges (factors ≥ 0, hue within −0.5…0.5).
    ///
    /// ```swift
    /// let jitter = try ColorJitter(brightnessRange: 0.5...1.5, hueRange: -0.05...0.05)
    /// ```
    /// - Throws: ``VisionError`` naming the parameter whose range leaves its bounds.
    public init(brightnessRange: ClosedRange<Double>? = nil, contrastRange: ClosedRange<Double>? = nil,
                saturationRange: ClosedRange<Double>? = nil, hueRange: ClosedRange<Double>? = nil) throws {
        func checked(_ range: ClosedRange<Double>?, _ name: String, bounds: ClosedRange<Double>, center: Double) throws -> ClosedRange<Double>? {
            guard let range else { return nil }
            guard bounds.contains(range.lowerBound), bounds.contains(range.upperBound) else {
                throw VisionError("ColorJitter: \(name) range \(range) is not within \(bounds)")
            }
            // As torchvision: a range that is only the neutral value does nothing.
            return range.lowerBound == center && range.upperBound == center ? nil : range
        }
        brightness = try checked(brightnessRange, "brightness", bounds: 0...Double.infinity, center: 1)
        contrast = try checked(contrastRange, "contrast", bounds: 0...Double.infinity, center: 1)
        saturation = try checked(saturationRange, "saturation", bounds: 0...Double.infinity, center: 1)
        hue = try checked(hueRange, "hue", bounds: -0.5...0.5, center: 0)
    }

    /// What torchvision's `ColorJitter.get_params` draws: an order of the four adjustments
    /// (0 brightness, 1 contrast, 2 saturation, 3 hue), then each enabled factor in that
    /// fixed sequence.
    ///
    /// ```swift
    /// let draw = try ColorJitter(hue: 0.1).parameters(generator: Generator(seed: 0))
    /// ```
    public func parameters(generator: Generator)
        -> (order: [Int], brightness: Double?, contrast: Double?, saturation: Double?, hue: Double?) {
        let order = generator.permutation(4)
        func draw(_ range: ClosedRange<Double>?) -> Double? {
            range.map { $0.lowerBound + ($0.upperBound - $0.lowerBound) * generator.nextDouble() }
        }
        let b = draw(brightness), c = draw(contrast), s = draw(saturation), h = draw(hue)
        return (order, b, c, s, h)
    }

    /// - Throws: ``VisionError`` for other than 1 or 3 channels.
    public func callAsFunction(_ input: TransformInput, generator: Generator) throws -> TransformInput {
        let draw = parameters(generator: generator)
        return try PlanesFunction.apply(input, "ColorJitter") { planes in
            var planes = planes
            for step in draw.order {
                switch step {
                case 0: if let f = draw.brightness { planes = try adjustBrightnessPlanes(planes, f) }
                case 1: if let f = draw.contrast { planes = try adjustContrastPlanes(planes, f) }
                case 2: if let f = draw.saturation { planes = try adjustSaturationPlanes(planes, f) }
                default: if let f = draw.hue { planes = try adjustHuePlanes(planes, f) }
                }
            }
            return planes
        }
    }
}
