import LumenTensor

/// Crops a random window, as torchvision's `RandomCrop`: optional padding first, optional
/// padding up to the crop size, then a uniformly placed window.
///
/// ```swift
/// let augment = RandomCrop(32, padding: [4], paddingMode: .reflect)
/// ```
public struct RandomCrop: Transform {
    /// `[height, width]` of the crop.
    public let size: [Int]
    /// Padding added on every call before cropping: `[all]`, `[left/right, top/bottom]` or
    /// `[left, top, right, bottom]`.
    public let padding: [Int]?
    /// Whether an image smaller than the crop is padded up to it (else that is an error).
    public let padIfNeeded: Bool
    /// The constant padding value, in the input's units (0…1 tensor floats, 0…255 bytes).
    public let fill: Float
    public let paddingMode: PaddingMode

    /// A random `height × width` crop (`[s]` for a square).
    ///
    /// ```swift
    /// let crop = RandomCrop([28, 28], padIfNeeded: true)
    /// ```
    public init(_ size: [Int], padding: [Int]? = nil, padIfNeeded: Bool = false, fill: Float = 0,
                paddingMode: PaddingMode = .constant) {
        self.size = size.count == 1 ? [size[0], size[0]] : size
        self.padding = padding
        self.padIfNeeded = padIfNeeded
        self.fill = fill
        self.paddingMode = paddingMode
    }

    /// A random square crop.
    ///
    /// ```swift
    /// let crop = RandomCrop(32, padding: [4])
    /// ```
    public init(_ size: Int, padding: [Int]? = nil, padIfNeeded: Bool = false, fill: Float = 0,
                paddingMode: PaddingMode = .constant) {
        self.init([size, size], padding: padding, padIfNeeded: padIfNeeded, fill: fill, paddingMode: paddingMode)
    }

    /// The window torchvision's `RandomCrop.get_params` draws for an image of `height × width`:
    /// `(top, left)`, both uniform over the positions that fit (no draw when the crop is the
    /// whole image).
    ///
    /// ```swift
    /// let (top, left) = try RandomCrop(24).parameters(height: 32, width: 32, generator: Generator(seed: 0))
    /// ```
    /// - Throws: ``VisionError`` when the crop is larger than the image.
    public func parameters(height: Int, width: Int, generator: Generator) throws -> (top: Int, left: Int) {
        let (cropHeight, cropWidth) = (size[0], size[1])
        guard height >= cropHeight, width >= cropWidth else {
            throw VisionError("RandomCrop: crop size \(cropHeight)×\(cropWidth) is larger than the input \(height)×\(width) (pass padding: or padIfNeeded: true)")
        }
        if height == cropHeight && width == cropWidth { return (0, 0) }
        let top = generator.nextInt(below: height - cropHeight + 1)
        let left = generator.nextInt(below: width - cropWidth + 1)
        return (top, left)
    }

    /// - Throws: ``VisionError`` naming `RandomCrop` for a crop larger than the (padded) image,
    ///   bad padding or a bad size.
    public func callAsFunction(_ input: TransformInput, generator: Generator) throws -> TransformInput {
        guard size.count == 2, size.allSatisfy({ $0 > 0 }) else {
            throw VisionError("RandomCrop: size must be one or two positive values, got \(size)")
        }
        return try PlanesFunction.apply(input, "RandomCrop") { planes in
            var planes = planes
            if let padding {
                let p = try paddingSides(padding, operation: "RandomCrop")
                planes = try padPlanes(planes, left: p.left, top: p.top, right: p.right, bottom: p.bottom,
                                       fill: fill, mode: paddingMode, operation: "RandomCrop")
            }
            if padIfNeeded && planes.width < size[1] {
                let extra = size[1] - planes.width
                planes = try padPlanes(planes, left: extra, top: 0, right: extra, bottom: 0, fill: fill, mode: paddingMode, operation: "RandomCrop")
            }
            if padIfNeeded && planes.height < size[0] {
                let extra = size[0] - planes.height
                planes = try padPlanes(planes, left: 0, top: extra, right: 0, bottom: extra, fill: fill, mode: paddingMode, operation: "RandomCrop")
            }
            let (top, left) = try parameters(height: planes.height, width: planes.width, generator: generator)
            return try cropPlanes(planes, top: top, left: left, height: size[0], width: size[1], operation: "RandomCrop")
        }
    }
}
