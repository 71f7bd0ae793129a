/// Shows a heat map over a picture exactly as pytorch-grad-cam's `show_cam_on_image(img, mask,
/// use_rgb=True, colormap, image_weight)` does: the map coloured with `colormap`
/// (``Colormap/apply(_:)``), each byte divided by 255, mixed as
/// `(1 − imageWeight)·heat + imageWeight·image` in float32, divided by the result's maximum
/// and truncated to bytes (`np.uint8(255 * cam)`).
///
/// - Parameters:
///   - heatmap: `[H, W]`, values in 0…1 (a class activation map).
///   - image: `[3, H, W]` RGB values in 0…1.
///   - imageWeight: the picture's share, 0…1.
///   - colormap: the colours the heat map's values take (jet by default, as the library's).
/// - Throws: ``VisionError`` when the shapes disagree, the picture has values outside 0…1
///   (pytorch-grad-cam refuses values above 1), or `imageWeight` is outside 0…1.
///
/// ```swift
/// let picture = try overlay(heatmap: cam, on: photo.tensor(), imageWeight: 0.5)
/// ```
public func overlay(heatmap: Tensor, on image: Tensor, imageWeight: Float = 0.5, colormap: Colormap = .jet) throws -> Image {
    guard heatmap.rank == 2 else {
        throw VisionError("overlay: the heat map must be [H, W], got shape \(heatmap.shape)")
    }
    let (height, width) = (heatmap.shape[0], heatmap.shape[1])
    guard image.shape == [3, height, width] else {
        throw VisionError("overlay: the picture must be [3, \(height), \(width)] for a heat map of shape \(heatmap.shape), got shape \(image.shape)")
    }
    guard imageWeight >= 0, imageWeight <= 1 else {
        throw VisionError("overlay: imageWeight must be in 0…1, got \(imageWeight)")
    }
    let pixels = image.scalars
    if let bad = pixels.firstIndex(where: { !($0 >= 0 && $0 <= 1) }) {
        throw VisionError("overlay: the picture's values must be in 0…1, value \(pixels[bad]) at index \(bad) is not")
    }
    let heat = colormap.colors(of: heatmap.scalars)
    let plane = height * width
    let heatWeight = Float(1 - Double(imageWeight))
    var cam = [Float](repeating: 0, count: plane * 3)
    var highest = -Float.infinity
    heat.withUnsafeBufferPointer { heat in
        pixels.withUnsafeBufferPointer { src in
            cam.withUnsafeMutableBufferPointer { cam in
                for i in 0..<plane {
                    for c in 0..<3 {
                        let h = heatWeight * (Float(heat[i &* 3 &+ c]) / 255)
                        let p = imageWeight * src[c &* plane &+ i]
                        let v = h + p
                        cam[i &* 3 &+ c] = v
                        highest = max(highest, v)
                    }
                }
            }
        }
    }
    let out = cam.map { v -> UInt8 in
        let scaled = 255 * (v / highest)
        return scaled >= 255 ? 255 : scaled > 0 ? UInt8(scaled) : 0
    }
    return Image(width: width, height: height, channels: 3, pixels: out)
}

/// ``overlay(heatmap:on:imageWeight:colormap:)`` on an RGB picture, its bytes divided by 255.
///
/// - Throws: ``VisionError`` when the picture is not RGB or its size differs from the heat map's.
///
/// ```swift
/// let picture = try overlay(heatmap: cam, on: try Image(contentsOf: "cat.png"))
/// ```
public func overlay(heatmap: Tensor, on image: Image, imageWeight: Float = 0.5, colormap: Colormap = .jet) throws -> Image {
    guard image.channels == 3 else {
        throw VisionError("overlay: the picture must be RGB, got \(image.channels) channels")
    }
    return try overlay(heatmap: heatmap, on: image.tensor(), imageWeight: imageWeight, colormap: colormap)
}
