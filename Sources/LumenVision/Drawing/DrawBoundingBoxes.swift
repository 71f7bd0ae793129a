/// Draws rectangles on a copy of an 8-bit picture, pixel for pixel as torchvision's
/// `draw_bounding_boxes` does through PIL's `ImageDraw.rectangle` (no text labels).
///
/// - Parameters:
///   - image: a gray (1-channel, drawn on as RGB like torchvision's `tile`) or RGB picture.
///   - boxes: `[N, 4]` pixel corners `(xmin, ymin, xmax, ymax)`, truncated toward zero;
///     corners may lie outside the picture (the drawing is clipped).
///   - colors: one colour for every box, or one per box; nil picks torchvision's palette
///     (``Color/palette(count:)``).
///   - fill: also fill each box with its colour at alpha 100/255, blended as PIL does.
///   - width: outline width in pixels, growing inward; 0 draws no outline.
/// - Returns: an RGB picture (or `image` itself when there are no boxes, as torchvision).
/// - Throws: ``VisionError`` for a picture that is not gray or RGB, boxes that are not `[N, 4]`,
///   a box with `xmin > xmax` or `ymin > ymax` or a corner that is not a finite 32-bit
///   coordinate (naming the box), or too few colours.
///
/// ```swift
/// let boxes = Tensor([10, 10, 50, 40, 30, 5, 60, 60], shape: [2, 4])
/// let drawn = try drawBoundingBoxes(photo, boxes: boxes, colors: [try Color("red")], width: 2)
/// ```
public func drawBoundingBoxes(
    _ image: Image,
    boxes: Tensor,
    colors: [Color]? = nil,
    fill: Bool = false,
    width: Int = 1
) throws -> Image {
    guard image.channels == 1 || image.channels == 3 else {
        throw VisionError("drawBoundingBoxes: only gray and RGB pictures are supported, got \(image.channels) channels")
    }
    guard boxes.rank == 2, boxes.shape[1] == 4 else {
        throw VisionError("drawBoundingBoxes: boxes must be [N, 4] (xmin, ymin, xmax, ymax), got shape \(boxes.shape)")
    }
    let count = boxes.shape[0]
    if count == 0 { return image }
    let corners = boxes.scalars
    var rectangles: [(x0: Int, y0: Int, x1: Int, y1: Int)] = []
    for b in 0..<count {
        let box = Array(corners[(b * 4)..<(b * 4 + 4)])
        guard box.allSatisfy({ $0.isFinite && abs($0) < 2_147_483_648 }) else {
            throw VisionError("drawBoundingBoxes: box \(b) has a corner that is not a finite 32-bit coordinate: \(box)")
        }
        guard box[0] <= box[2], box[1] <= box[3] else {
            throw VisionError("drawBoundingBoxes: box \(b) is \(box), not (xmin, ymin, xmax, ymax) with xmin ≤ xmax and ymin ≤ ymax")
        }
        rectangles.append((Int(box[0]), Int(box[1]), Int(box[2]), Int(box[3])))
    }
    let inks = try Color.resolve(colors, count: count, for: "drawBoundingBoxes")

    var canvas = RGBCanvas(image)
    for (r, ink) in zip(rectangles, inks) {
        if fill {
            canvas.fillRectangle(x0: r.x0, y0: r.y0, x1: r.x1, y1: r.y1, ink: ink, alpha: 100)
        }
        canvas.outlineRectangle(x0: r.x0, y0: r.y0, x1: r.x1, y1: r.y1, ink: ink, width: width)
    }
    return canvas.image
}

/// An RGB picture drawn on with PIL's `ImageDraw` rasterisation rules (libImaging/Draw.c).
struct RGBCanvas {
    let width: Int, height: Int
    var pixels: [UInt8]

    /// A canvas holding `image`, a gray picture's value repeated in all three channels.
    init(_ image: Image) {
        width = image.width
        height = image.height
        pixels = image.channels == 3 ? image.pixels : image.pixels.flatMap { [$0, $0, $0] }
    }

    var image: Image { Image(width: width, height: height, channels: 3, pixels: pixels) }

    /// PIL's `hline`: row `y` from `x0` to `x1` inclusive, clipped to the canvas; with an
    /// alpha below 255 each channel becomes `(old·(255 − a) + ink·a) / 255` rounded as PIL's
    /// `DIV255` does. (At alpha 255 PIL's blend gives the ink exactly.)
    mutating func horizontalLine(y: Int, x0: Int, x1: Int, ink: Color, alpha: Int = 255) {
        guard y >= 0, y < height, x0 < width, x1 >= 0 else { return }
        let from = max(x0, 0), to = min(x1, width - 1)
        guard from <= to else { return }
        let rgb = [Int(ink.red), Int(ink.green), Int(ink.blue)]
        pixels.withUnsafeMutableBufferPointer { p in
            var i = (y &* width &+ from) &* 3
            for _ in from...to {
                for c in 0..<3 {
                    p[i &+ c] = alpha == 255 ? UInt8(rgb[c]) : blend(p[i &+ c], rgb[c], alpha)
                }
                i &+= 3
            }
        }
    }

    /// PIL's `line` for a vertical segment: `|y1 − y0|` pixels from `(x, y0)` stepping toward
    /// `y1`, which itself is not drawn. Only the rows on the canvas are visited.
    mutating func verticalLine(x: Int, y0: Int, y1: Int, ink: Color) {
        guard x >= 0, x < width, y0 != y1 else { return }
        let (first, last) = y1 > y0 ? (y0, y1 - 1) : (y1 + 1, y0)
        let from = max(first, 0), to = min(last, height - 1)
        guard from <= to else { return }
        for y in from...to {
            let i = (y &* width &+ x) &* 3
            pixels[i] = ink.red
            pixels[i &+ 1] = ink.green
            pixels[i &+ 2] = ink.blue
        }
    }

    /// `ImagingDrawRectangle` with `fill`: rows `y0…y1`, each from `x0` to `x1` inclusive.
    mutating func fillRectangle(x0: Int, y0: Int, x1: Int, y1: Int, ink: Color, alpha: Int) {
        guard y0 < height, y1 >= 0 else { return }
        for y in max(y0, 0)...min(y1, height) {
            horizontalLine(y: y, x0: x0, x1: x1, ink: ink, alpha: alpha)
        }
    }

    /// `ImagingDrawRectangle`'s outline: for each of `width` rings, the top and bottom rows
    /// and the left and right columns between them, each ring one pixel further in.
    mutating func outlineRectangle(x0: Int, y0: Int, x1: Int, y1: Int, ink: Color, width lineWidth: Int) {
        // Rings from this one inward lie wholly off the canvas.
        let offCanvas = max(height - y0, y1 + 1, x1 + 1, width - x0, 0)
        for i in 0..<min(max(lineWidth, 0), offCanvas) {
            horizontalLine(y: y0 + i, x0: x0, x1: x1, ink: ink)
            horizontalLine(y: y1 - i, x0: x0, x1: x1, ink: ink)
            verticalLine(x: x1 - i, y0: y0 + lineWidth, y1: y1 - lineWidth + 1, ink: ink)
            verticalLine(x: x0 + i, y0: y0 + lineWidth, y1: y1 - lineWidth + 1, ink: ink)
        }
    }
}

/// PIL's `BLEND(a, old, ink)`: `DIV255(old·(255 − a) + ink·a)` with `DIV255(v) = ((t >> 8) + t) >> 8`
/// for `t = v + 128`.
@inline(__always)
private func blend(_ old: UInt8, _ ink: Int, _ alpha: Int) -> UInt8 {
    let t = Int(old) &* (255 &- alpha) &+ ink &* alpha &+ 128
    return UInt8(truncatingIfNeeded: ((t >> 8) &+ t) >> 8)
}
