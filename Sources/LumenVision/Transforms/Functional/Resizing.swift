import LumenTensor

/// How a resize or rotation samples the input, as torchvision's `InterpolationMode`.
public enum InterpolationMode: Sendable, Equatable, CustomStringConvertible {
    /// The pixel at or before the scaled position (torch's `'nearest'`).
    case nearest
    /// The pixel whose centre is nearest (torch's `'nearest-exact'`, as Pillow and OpenCV).
    case nearestExact
    /// Linear in each direction; with antialiasing a triangle filter as wide as the scale.
    case bilinear
    /// Keys' cubic in each direction; with antialiasing, Pillow's widened cubic.
    case bicubic

    public var description: String {
        switch self {
        case .nearest: "nearest"
        case .nearestExact: "nearest-exact"
        case .bilinear: "bilinear"
        case .bicubic: "bicubic"
        }
    }
}

/// The `[height, width]` torchvision's `resize` gives an image of `height × width` for `size`:
/// `[h, w]` as given, or `[s]` for the shorter side (the longer one scaled and truncated),
/// capped by `maxSize` on the longer side.
///
/// ```swift
/// try resizedSize(height: 480, width: 640, size: [224])   // [224, 298]
/// ```
/// - Throws: ``VisionError`` for a `size` of other than 1 or 2 positive values, or a `maxSize`
///   with two values or not above the shorter side.
public func resizedSize(height: Int, width: Int, size: [Int], maxSize: Int? = nil, operation: String = "resize") throws -> [Int] {
    guard (1...2).contains(size.count), size.allSatisfy({ $0 > 0 }) else {
        throw VisionError("\(operation): size must be one or two positive values, got \(size)")
    }
    if size.count == 2 {
        guard maxSize == nil else {
            throw VisionError("\(operation): maxSize is only allowed with one size value (the shorter side), got size \(size)")
        }
        return size
    }
    let (short, long) = width <= height ? (width, height) : (height, width)
    var newShort = size[0]
    var newLong = Int(Double(newShort) * Double(long) / Double(short))
    if let maxSize {
        guard maxSize > newShort else {
            throw VisionError("\(operation): maxSize \(maxSize) must be greater than the requested shorter side \(newShort)")
        }
        if newLong > maxSize {
            (newShort, newLong) = (Int(Double(maxSize) * Double(newShort) / Double(newLong)), maxSize)
        }
    }
    return width <= height ? [newLong, newShort] : [newShort, newLong]
}

/// Resizes planes to `[height, width]` as torchvision's tensor `resize`.
func resizePlanes(_ planes: Planes, to size: [Int], interpolation: InterpolationMode, antialias: Bool) -> Planes {
    let (height, width) = (size[0], size[1])
    if planes.height == height && planes.width == width { return planes }
    func axis(_ input: Int, _ output: Int) -> ResampleAxis? {
        guard input != output else { return nil }
        switch interpolation {
        case .nearest: return .nearest(input: input, output: output, exact: false)
        case .nearestExact: return .nearest(input: input, output: output, exact: true)
        case .bilinear: return antialias ? .antialiased(input: input, output: output, cubic: false) : .linear(input: input, output: output)
        case .bicubic: return antialias ? .antialiased(input: input, output: output, cubic: true) : .cubic(input: input, output: output)
        }
    }
    let values = SeparableResampler.resample(planes.values, planes: planes.planeCount, height: planes.height, width: planes.width,
                                             rows: axis(planes.height, height), columns: axis(planes.width, width))
    var result = planes.with(values: values, height: height, width: width)
    // torchvision rounds back to uint8 (clamping first only for bicubic, whose weights go negative).
    result.roundToBytes()
    return result
}

/// Resizes a `[..., H, W]` tensor as `torchvision.transforms.functional.resize` does on tensors.
///
/// `size` is `[height, width]`, or `[s]` to make the shorter side `s` keeping the aspect ratio
/// (see ``resizedSize(height:width:size:maxSize:operation:)``). With `antialias` (the default),
/// bilinear and bicubic shrinking low-pass filter first, as `_upsample_bilinear2d_aa`.
///
/// ```swift
/// let small = try resize(x, size: [224])
/// let exact = try resize(x, size: [32, 48], interpolation: .bicubic, antialias: false)
/// ```
/// - Throws: ``VisionError`` for a tensor of rank below 2 or a bad `size` / `maxSize`.
public func resize(_ x: Tensor, size: [Int], interpolation: InterpolationMode = .bilinear,
                   maxSize: Int? = nil, antialias: Bool = true) throws -> Tensor {
    try PlanesFunction.apply(x, "resize") { try resizePlanes($0, size: size, interpolation, maxSize, antialias, "resize") }
}

/// Resizes a picture through torchvision's uint8-tensor path (floats 0…255, rounded back).
///
/// ```swift
/// let thumbnail = try resize(photo, size: [64])
/// ```
/// - Throws: ``VisionError`` for a bad `size` / `maxSize`.
public func resize(_ image: Image, size: [Int], interpolation: InterpolationMode = .bilinear,
                   maxSize: Int? = nil, antialias: Bool = true) throws -> Image {
    try PlanesFunction.apply(image, "resize") { try resizePlanes($0, size: size, interpolation, maxSize, antialias, "resize") }
}

/// `resize` with the output size worked out from a 1- or 2-value `size`.
func resizePlanes(_ planes: Planes, size: [Int], _ interpolation: InterpolationMode, _ maxSize: Int?,
                  _ antialias: Bool, _ operation: String) throws -> Planes {
    let target = try resizedSize(height: planes.height, width: planes.width, size: size, maxSize: maxSize, operation: operation)
    return resizePlanes(planes, to: target, interpolation: interpolation, antialias: antialias)
}
