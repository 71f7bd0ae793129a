import LumenTensor

/// Shifts each RGB pixel's hue as torchvision's tensor `adjust_hue`: to HSV (Pillow's
/// formulas, as `_rgb2hsv`), hue + `factor` modulo 1, back to RGB (`_hsv2rgb`).
func adjustHuePlanes(_ planes: Planes, _ factor: Double) throws -> Planes {
    guard (-0.5...0.5).contains(factor) else {
        throw VisionError("adjustHue: factor \(factor) is not in [-0.5, 0.5]")
    }
    try planes.requireGrayOrRGB("adjustHue")
    if planes.channels == 1 { return planes }
    let plane = planes.planeSize, shift = Float(factor)
    var values = planes.values
    values.withUnsafeMutableBufferPointer { v in
        for image in 0..<(planes.planeCount / 3) {
            let base = image &* 3 &* plane
            for i in 0..<plane {
                var (r, g, b) = (v[base &+ i], v[base &+ plane &+ i], v[base &+ 2 &* plane &+ i])
                // uint8 tensors go to floats 0…1 first (convert_image_dtype).
                if planes.fromBytes { (r, g, b) = (r / 255, g / 255, b / 255) }
                var (h, s, value) = rgbToHSV(r, g, b)
                h = h + shift
                h = h - (h / 1).rounded(.down)
                (r, g, b) = hsvToRGB(h, s, value)
                if planes.fromBytes {
                    // Back with convert_image_dtype: × (256 − 0.001), truncated.
                    let scale = Float(255.0 + 1.0 - 1e-3)
                    (r, g, b) = ((r * scale).rounded(.towardZero), (g * scale).rounded(.towardZero), (b * scale).rounded(.towardZero))
                }
                (v[base &+ i], v[base &+ plane &+ i], v[base &+ 2 &* plane &+ i]) = (r, g, b)
            }
        }
    }
    return planes.with(values: values, height: planes.height, width: planes.width)
}

/// torchvision's `_rgb2hsv` for one pixel (hue in 0..<1).
func rgbToHSV(_ r: Float, _ g: Float, _ b: Float) -> (h: Float, s: Float, v: Float) {
    let maxc = Swift.max(r, g, b), minc = Swift.min(r, g, b)
    let equal = maxc == minc
    let cr = maxc - minc
    let s = cr / (equal ? 1 : maxc)
    let divisor = equal ? 1 : cr
    let rc = (maxc - r) / divisor, gc = (maxc - g) / divisor, bc = (maxc - b) / divisor
    let hr: Float = maxc == r ? bc - gc : 0
    let hg: Float = maxc == g && maxc != r ? 2 + rc - bc : 0
    let hb: Float = maxc != g && maxc != r ? 4 + gc - rc : 0
    let h = hr + hg + hb
    return ((h / 6 + 1).truncatingRemainder(dividingBy: 1), s, maxc)
}

/// torchvision's `_hsv2rgb` for one pixel.
func hsvToRGB(_ h: Float, _ s: Float, _ v: Float) -> (r: Float, g: Float, b: Float) {
    let i = (h * 6).rounded(.down)
    let f = h * 6 - i
    let sector = ((Int(i) % 6) + 6) % 6
    let p = Swift.min(Swift.max(v * (1 - s), 0), 1)
    let q = Swift.min(Swift.max(v * (1 - s * f), 0), 1)
    let t = Swift.min(Swift.max(v * (1 - s * (1 - f)), 0), 1)
    switch sector {
    case 0: return (v, t, p)
    case 1: return (q, v, p)
    case 2: return (p, v, t)
    case 3: return (p, q, v)
    case 4: return (t, p, v)
    default: return (v, p, q)
    }
}

/// Shifts hue by `factor` turns of the colour wheel (−0.5…0.5), as
/// `torchvision.transforms.functional.adjust_hue` on tensors; one channel is returned unchanged.
///
/// ```swift
/// let shifted = try adjustHue(x, 0.1)
/// ```
/// - Throws: ``VisionError`` for a factor outside −0.5…0.5 or other than 1 or 3 channels.
public func adjustHue(_ x: Tensor, _ factor: Double) throws -> Tensor {
    try PlanesFunction.apply(x, "adjustHue") { try adjustHuePlanes($0, factor) }
}

/// Shifts a picture's hue (uint8 maths: bytes / 255, then × 255.999 truncated).
///
/// ```swift
/// let shifted = try adjustHue(photo, -0.2)
/// ```
public func adjustHue(_ image: Image, _ factor: Double) throws -> Image {
    try PlanesFunction.apply(image, "adjustHue") { try adjustHuePlanes($0, factor) }
}
