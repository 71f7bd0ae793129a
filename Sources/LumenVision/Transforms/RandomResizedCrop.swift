import Foundation
import LumenTensor

/// Crops a random area of random aspect ratio and resizes it, as torchvision's
/// `RandomResizedCrop` (Inception-style augmentation).
///
/// ```swift
/// let augment = RandomResizedCrop(224)
/// ```
public struct RandomResizedCrop: Transform {
    /// `[height, width]` of the output.
    public let size: [Int]
    /// The crop's share of the image area, drawn uniformly.
    public let scale: ClosedRange<Double>
    /// The crop's width / height, drawn log-uniformly.
    public let ratio: ClosedRange<Double>
    public let interpolation: InterpolationMode
    public let antialias: Bool

    /// A random crop resized to `height × width` (`[s]` for a square).
    ///
    /// ```swift
    /// let crop = RandomResizedCrop([64, 96], scale: 0.5...1)
    /// ```
    public init(_ size: [Int], scale: ClosedRange<Double> = 0.08...1, ratio: ClosedRange<Double> = (3.0 / 4)...(4.0 / 3),
                interpolation: InterpolationMode = .bilinear, antialias: Bool = true) {
        self.size = size.count == 1 ? [size[0], size[0]] : size
        self.scale = scale
        self.ratio = ratio
        self.interpolation = interpolation
        self.antialias = antialias
    }

    /// A random crop resized to a `size × size` square.
    ///
    /// ```swift
    /// let crop = RandomResizedCrop(224, interpolation: .bicubic)
    /// ```
    public init(_ size: Int, scale: ClosedRange<Double> = 0.08...1, ratio: ClosedRange<Double> = (3.0 / 4)...(4.0 / 3),
                interpolation: InterpolationMode = .bilinear, antialias: Bool = true) {
        self.init([size, size], scale: scale, ratio: ratio, interpolation: interpolation, antialias: antialias)
    }

    /// The window torchvision's `RandomResizedCrop.get_params` picks for a `height × width`
    /// image: up to 10 draws of an area and a log-uniform aspect ratio until the rounded window
    /// fits, placed uniformly; else the centred crop of the clamped ratio (the whole image when
    /// its ratio is in range).
    ///
    /// ```swift
    /// let window = RandomResizedCrop(224).parameters(height: 480, width: 640, generator: Generator(seed: 1))
    /// ```
    public func parameters(height: Int, width: Int, generator: Generator) -> (top: Int, left: Int, height: Int, width: Int) {
        let area = Double(height * width)
        let logRatio = (log(ratio.lowerBound), log(ratio.upperBound))
        for _ in 0..<10 {
            let targetArea = area * (scale.lowerBound + (scale.upperBound - scale.lowerBound) * generator.nextDouble())
            let aspect = exp(logRatio.0 + (logRatio.1 - logRatio.0) * generator.nextDouble())
            let w = Int((targetArea * aspect).squareRoot().rounded(.toNearestOrEven))
            let h = Int((targetArea / aspect).squareRoot().rounded(.toNearestOrEven))
            if 0 < w && w <= width && 0 < h && h <= height {
                let top = generator.nextInt(below: height - h + 1)
                let left = generator.nextInt(below: width - w + 1)
                return (top, left, h, w)
            }
        }
        let inRatio = Double(width) / Double(height)
        var (w, h) = (width, height)
        if inRatio < ratio.lowerBound {
            h = Int((Double(w) / ratio.lowerBound).rounded(.toNearestOrEven))
        } else if inRatio > ratio.upperBound {
            w = Int((Double(h) * ratio.upperBound).rounded(.toNearestOrEven))
        }
        return ((height - h) / 2, (width - w) / 2, h, w)
    }

    /// - Throws: ``VisionError`` naming `RandomResizedCrop` for a bad size or input shape.
    public func callAsFunction(_ input: TransformInput, generator: Generator) throws -> TransformInput {
        try PlanesFunction.apply(input, "RandomResizedCrop") { planes in
            let window = parameters(height: planes.height, width: planes.width, generator: generator)
            let cropped = try cropPlanes(planes, top: window.top, left: window.left, height: window.height,
                                         width: window.width, operation: "RandomResizedCrop")
            return try resizePlanes(cropped, size: size, interpolation, nil, antialias, "RandomResizedCrop")
        }
    }
}
