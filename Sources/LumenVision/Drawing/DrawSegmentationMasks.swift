/// Paints masks over a copy of an RGB picture, byte for byte as torchvision's
/// `draw_segmentation_masks` on a uint8 image: each mask's pixels take its colour, pixels
/// under two or more masks turn black, and the result is `image·(1 − alpha) + painted·alpha`
/// in float32, truncated to bytes.
///
/// - Parameters:
///   - image: the RGB picture to paint on.
///   - masks: `[N, H, W]` or `[H, W]`; a non-zero value marks a pixel as inside the mask.
///   - alpha: the painted layer's opacity, 0…1.
///   - colors: one colour for every mask, or one per mask; nil picks torchvision's palette
///     (``Color/palette(count:)``).
/// - Returns: the painted picture (`image` itself when there are no masks, as torchvision).
/// - Throws: ``VisionError`` for a picture that is not RGB, masks of another shape or size,
///   `alpha` outside 0…1, or too few colours.
///
/// ```swift
/// let mask = Tensor.zeros([photo.height, photo.width])
/// let painted = try drawSegmentationMasks(photo, masks: mask, alpha: 0.5, colors: [Color(0, 255, 0)])
/// ```
public func drawSegmentationMasks(
    _ image: Image,
    masks: Tensor,
    alpha: Float = 0.8,
    colors: [Color]? = nil
) throws -> Image {
    guard image.channels == 3 else {
        throw VisionError("drawSegmentationMasks: the picture must be RGB, got \(image.channels) channels")
    }
    let shape = masks.rank == 2 ? [1] + masks.shape : masks.shape
    guard shape.count == 3, shape[1] == image.height, shape[2] == image.width else {
        throw VisionError("drawSegmentationMasks: masks must be [N, \(image.height), \(image.width)] or [\(image.height), \(image.width)] for a \(image.width)×\(image.height) picture, got shape \(masks.shape)")
    }
    guard alpha >= 0, alpha <= 1 else {
        throw VisionError("drawSegmentationMasks: alpha must be in 0…1, got \(alpha)")
    }
    let count = shape[0]
    if count == 0 { return image }
    let inks = try Color.resolve(colors, count: count, for: "drawSegmentationMasks")

    let plane = image.width * image.height
    var painted = image.pixels
    var covering = [UInt8](repeating: 0, count: plane)
    masks.scalars.withUnsafeBufferPointer { m in
        for (k, ink) in inks.enumerated() {
            for i in 0..<plane where m[k &* plane &+ i] != 0 {
                painted[i &* 3] = ink.red
                painted[i &* 3 &+ 1] = ink.green
                painted[i &* 3 &+ 2] = ink.blue
                covering[i] = covering[i] &+ (covering[i] < 2 ? 1 : 0)
            }
        }
    }
    for i in 0..<plane where covering[i] > 1 {
        painted[i * 3] = 0
        painted[i * 3 + 1] = 0
        painted[i * 3 + 2] = 0
    }
    // torch: image * (1 - alpha) + img_to_draw * alpha, the Python double (1 - alpha) rounded to float32.
    let keep = Float(1 - Double(alpha))
    var out = [UInt8](repeating: 0, count: plane * 3)
    image.pixels.withUnsafeBufferPointer { old in
        painted.withUnsafeBufferPointer { new in
            out.withUnsafeMutableBufferPointer { dst in
                for i in 0..<(plane &* 3) {
                    let kept = Float(old[i]) * keep
                    let added = Float(new[i]) * alpha
                    let v = kept + added
                    dst[i] = v >= 255 ? 255 : v > 0 ? UInt8(v) : 0
                }
            }
        }
    }
    return Image(width: image.width, height: image.height, channels: 3, pixels: out)
}
