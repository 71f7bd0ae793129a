import LumenTensor

/// The luma plane of each image (0.2989 R + 0.587 G + 0.114 B; a copy for one channel),
/// truncated to bytes for pictures as torchvision's `.to(uint8)`.
func grayPlanes(_ planes: Planes) -> Planes {
    let plane = planes.planeSize, images = planes.planeCount / planes.channels
    var leading = planes.leading
    if !leading.isEmpty { leading[leading.count - 1] = 1 }
    var values = [Float](repeating: 0, count: images * plane)
    planes.values.withUnsafeBufferPointer { src in
        values.withUnsafeMutableBufferPointer { dst in
            for image in 0..<images {
                let input = image &* planes.channels &* plane, output = image &* plane
                for i in 0..<plane {
                    var v = src[input &+ i]
                    if planes.channels == 3 {
                        v = Float(0.2989) * v + Float(0.587) * src[input &+ plane &+ i] + Float(0.114) * src[input &+ 2 &* plane &+ i]
                    }
                    dst[output &+ i] = planes.fromBytes ? v.rounded(.towardZero) : v
                }
            }
        }
    }
    return Planes(values: values, leading: leading, height: planes.height, width: planes.width, fromBytes: planes.fromBytes)
}

/// torchvision's `_blend`: `ratio · planes + (1 − ratio) · other`, clamped to 0…1 (floats) or
/// 0…255 and truncated (bytes). `other(image, index)` gives the second operand at a sample
/// index within one image's channels.
func blendPlanes(_ planes: Planes, ratio: Double, other: (_ image: Int, _ index: Int) -> Float) -> Planes {
    let (r, q) = (Float(ratio), Float(1 - ratio))
    let bound: Float = planes.fromBytes ? 255 : 1
    let perImage = planes.channels * planes.planeSize
    var values = planes.values
    values.withUnsafeMutableBufferPointer { v in
        for image in 0..<(planes.planeCount / planes.channels) {
            let base = image &* perImage
            for i in 0..<perImage {
                let mixed = Swift.min(Swift.max(r * v[base &+ i] + q * other(image, i), 0), bound)
                v[base &+ i] = planes.fromBytes ? mixed.rounded(.towardZero) : mixed
            }
        }
    }
    return planes.with(values: values, height: planes.height, width: planes.width)
}

func checkFactor(_ factor: Double, _ operation: String) throws {
    guard factor >= 0 else { throw VisionError("\(operation): factor \(factor) is negative") }
}

func adjustBrightnessPlanes(_ planes: Planes, _ factor: Double) throws -> Planes {
    try checkFactor(factor, "adjustBrightness")
    try planes.requireGrayOrRGB("adjustBrightness")
    return blendPlanes(planes, ratio: factor) { _, _ in 0 }
}

func adjustContrastPlanes(_ planes: Planes, _ factor: Double) throws -> Planes {
    try checkFactor(factor, "adjustContrast")
    try planes.requireGrayOrRGB("adjustContrast")
    let gray = grayPlanes(planes)
    let plane = planes.planeSize
    let means = (0..<(planes.planeCount / planes.channels)).map { image -> Float in
        var sum: Double = 0
        for i in 0..<plane { sum += Double(gray.values[image * plane + i]) }
        return Float(sum / Double(plane))
    }
    return blendPlanes(planes, ratio: factor) { image, _ in means[image] }
}

func adjustSaturationPlanes(_ planes: Planes, _ factor: Double) throws -> Planes {
    try checkFactor(factor, "adjustSaturation")
    try planes.requireGrayOrRGB("adjustSaturation")
    if planes.channels == 1 { return planes }
    let gray = grayPlanes(planes), plane = planes.planeSize
    return gray.values.withUnsafeBufferPointer { luma in
        blendPlanes(planes, ratio: factor) { image, i in luma[image &* plane &+ i % plane] }
    }
}

func grayscalePlanes(_ planes: Planes, outputChannels: Int, operation: String) throws -> Planes {
    guard !planes.leading.isEmpty else {
        throw VisionError("\(operation): expected a [..., C, H, W] tensor, got shape \([planes.height, planes.width])")
    }
    try planes.requireGrayOrRGB(operation)
    guard outputChannels == 1 || outputChannels == 3 else {
        throw VisionError("\(operation): numOutputChannels must be 1 or 3, got \(outputChannels)")
    }
    let gray = grayPlanes(planes)
    // torchvision expands the gray plane to the input's shape, so one channel stays one.
    guard outputChannels == 3 && planes.channels == 3 else { return gray }
    let plane = planes.planeSize
    var values = [Float]()
    values.reserveCapacity(gray.values.count * 3)
    for image in 0..<(gray.planeCount) {
        let slice = gray.values[image * plane..<(image + 1) * plane]
        for _ in 0..<3 { values.append(contentsOf: slice) }
    }
    var leading = gray.leading
    leading[leading.count - 1] = 3
    return Planes(values: values, leading: leading, height: gray.height, width: gray.width, fromBytes: gray.fromBytes)
}

/// Scales brightness by `factor` (0 black, 1 unchanged), as
/// `torchvision.transforms.functional.adjust_brightness`: `x · factor` clamped to 0…1.
///
/// ```swift
/// let brighter = try adjustBrightness(x, 1.3)
/// ```
/// - Throws: ``VisionError`` for a negative factor or other than 1 or 3 channels.
public func adjustBrightness(_ x: Tensor, _ factor: Double) throws -> Tensor {
    try PlanesFunction.apply(x, "adjustBrightness") { try adjustBrightnessPlanes($0, factor) }
}

/// Scales a picture's brightness (uint8 maths: clamped to 0…255, truncated).
///
/// ```swift
/// let brighter = try adjustBrightness(photo, 1.3)
/// ```
public func adjustBrightness(_ image: Image, _ factor: Double) throws -> Image {
    try PlanesFunction.apply(image, "adjustBrightness") { try adjustBrightnessPlanes($0, factor) }
}

/// Blends with the mean gray level (0 flat gray, 1 unchanged), as
/// `torchvision.transforms.functional.adjust_contrast`.
///
/// ```swift
/// let flatter = try adjustContrast(x, 0.5)
/// ```
/// - Throws: ``VisionError`` for a negative factor or other than 1 or 3 channels.
public func adjustContrast(_ x: Tensor, _ factor: Double) throws -> Tensor {
    try PlanesFunction.apply(x, "adjustContrast") { try adjustContrastPlanes($0, factor) }
}

/// Adjusts a picture's contrast (uint8 maths: the gray mean of truncated luma bytes).
///
/// ```swift
/// let flatter = try adjustContrast(photo, 0.5)
/// ```
public func adjustContrast(_ image: Image, _ factor: Double) throws -> Image {
    try PlanesFunction.apply(image, "adjustContrast") { try adjustContrastPlanes($0, factor) }
}

/// Blends with the pixel's own gray (0 gray, 1 unchanged, 2 doubly saturated), as
/// `torchvision.transforms.functional.adjust_saturation`; one channel is returned unchanged.
///
/// ```swift
/// let vivid = try adjustSaturation(x, 1.5)
/// ```
/// - Throws: ``VisionError`` for a negative factor or other than 1 or 3 channels.
public func adjustSaturation(_ x: Tensor, _ factor: Double) throws -> Tensor {
    try PlanesFunction.apply(x, "adjustSaturation") { try adjustSaturationPlanes($0, factor) }
}

/// Adjusts a picture's saturation (uint8 maths).
///
/// ```swift
/// let vivid = try adjustSaturation(photo, 1.5)
/// ```
public func adjustSaturation(_ image: Image, _ factor: Double) throws -> Image {
    try PlanesFunction.apply(image, "adjustSaturation") { try adjustSaturationPlanes($0, factor) }
}

/// The luma `0.2989 R + 0.587 G + 0.114 B` of a `[..., 3, H, W]` tensor in 1 or 3 identical
/// channels, as `torchvision.transforms.functional.rgb_to_grayscale` (which returns a
/// 1-channel input as it is, whatever `numOutputChannels`).
///
/// ```swift
/// let gray = try rgbToGrayscale(x, numOutputChannels: 3)
/// ```
/// - Throws: ``VisionError`` for a rank below 3, other than 1 or 3 channels, or
///   `numOutputChannels` other than 1 or 3.
public func rgbToGrayscale(_ x: Tensor, numOutputChannels: Int = 1) throws -> Tensor {
    try PlanesFunction.apply(x, "rgbToGrayscale") { try grayscalePlanes($0, outputChannels: numOutputChannels, operation: "rgbToGrayscale") }
}

/// The gray version of a picture (luma bytes truncated, as torchvision's uint8 path).
///
/// ```swift
/// let gray = try rgbToGrayscale(photo)
/// ```
public func rgbToGrayscale(_ image: Image, numOutputChannels: Int = 1) throws -> Image {
    try PlanesFunction.apply(image, "rgbToGrayscale") { try grayscalePlanes($0, outputChannels: numOutputChannels, operation: "rgbToGrayscale") }
}
