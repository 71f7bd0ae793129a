import LumenTensor

/// Mirrors left–right with probability `p`, as torchvision's `RandomHorizontalFlip`.
///
/// ```swift
/// let augment = RandomHorizontalFlip()
/// ```
public struct RandomHorizontalFlip: Transform {
    /// The chance of flipping.
    public let p: Double

    /// Flips with probability `p`.
    ///
    /// ```swift
    /// let always = RandomHorizontalFlip(p: 1)
    /// ```
    public init(p: Double = 0.5) { self.p = p }

    /// - Throws: ``VisionError`` for a tensor of rank below 2.
    public func callAsFunction(_ input: TransformInput, generator: Generator) throws -> TransformInput {
        guard generator.nextDouble() < p else { return input }
        return try PlanesFunction.apply(input, "RandomHorizontalFlip") { flipPlanes($0, horizontal: true) }
    }
}

/// Mirrors top–bottom with probability `p`, as torchvision's `RandomVerticalFlip`.
///
/// ```swift
/// let augment = RandomVerticalFlip(p: 0.2)
/// ```
public struct RandomVerticalFlip: Transform {
    /// The chance of flipping.
    public let p: Double

    /// Flips with probability `p`.
    ///
    /// ```swift
    /// let sometimes = RandomVerticalFlip(p: 0.1)
    /// ```
    public init(p: Double = 0.5) { self.p = p }

    /// - Throws: ``VisionError`` for a tensor of rank below 2.
    public func callAsFunction(_ input: TransformInput, generator: Generator) throws -> TransformInput {
        guard generator.nextDouble() < p else { return input }
        return try PlanesFunction.apply(input, "RandomVerticalFlip") { flipPlanes($0, horizontal: false) }
    }
}
