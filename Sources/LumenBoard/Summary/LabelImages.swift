import LumenPNG

/// The images that stand for an embedding's points in TensorBoard's projector, one per point:
/// `[N, C, H, W]` floats in 0…1 (values outside are clipped), C = 1 (gray) or 3 (RGB).
///
/// ```swift
/// let images = LabelImages(digitPixels, shape: [100, 1, 8, 8])
/// try writer.addEmbedding(features, metadata: labels, labelImages: images)
/// ```
public struct LabelImages: Sendable, Equatable {
    /// The pixels, image after image, each channel after channel, row-major.
    public var pixels: [Float]
    /// `[N, C, H, W]`.
    public var shape: [Int]

    public init(_ pixels: [Float], shape: [Int]) {
        self.pixels = pixels
        self.shape = shape
    }

    /// The sprite PyTorch's `add_embedding` makes: the images in a grid ⌈√N⌉ wide, left to right
    /// and top to bottom, on a black square as wide as that grid (the projector finds an image
    /// by its column and row in it), gray images as RGB, each value × 255 in double precision,
    /// clipped and truncated to a byte.
    ///
    /// - Throws: ``SummaryArgumentError`` (argument `labelImages`) when the shape is not
    ///   `[points, 1 or 3, H, W]` for these pixels, or the grid's rows are taller than it is
    ///   wide (the square would cut them off; PyTorch fails there too).
    func sprite(points: Int) throws -> PNGImage {
        guard shape.count == 4 else { throw SummaryArgumentError("labelImages", "shape \(shape) is not [N, C, H, W]") }
        let (count, channels, height, width) = (shape[0], shape[1], shape[2], shape[3])
        guard count == points else {
            throw SummaryArgumentError("labelImages", "\(count) images (shape \(shape)), but the matrix has \(points) rows")
        }
        guard channels == 1 || channels == 3 else {
            throw SummaryArgumentError("labelImages", "\(channels) channels (shape \(shape)); 1 (gray) or 3 (RGB) are possible")
        }
        guard height > 0, width > 0 else { throw SummaryArgumentError("labelImages", "shape \(shape) has an empty image") }
        guard pixels.count == count * channels * height * width else {
            throw SummaryArgumentError("labelImages", "\(pixels.count) values do not fill shape \(shape)")
        }
        var columns = 1
        while columns * columns < count { columns += 1 }
        let rows = (count + columns - 1) / columns
        let side = width * columns
        guard height * rows <= side else {
            throw SummaryArgumentError(
                "labelImages", "\(rows) rows of \(height)-pixel-high images do not fit the \(side)-pixel square sprite of \(columns) \(width)-pixel-wide columns")
        }
        var bytes = [UInt8](repeating: 0, count: side * side * 3)
        for image in 0..<count {
            let (top, left) = (image / columns * height, image % columns * width)
            for y in 0..<height {
                for x in 0..<width {
                    for channel in 0..<3 {
                        let plane = image * channels + (channels == 1 ? 0 : channel)
                        let value = Double(pixels[(plane * height + y) * width + x]) * 255
                        bytes[((top + y) * side + left + x) * 3 + channel] = value >= 255 ? 255 : value > 0 ? UInt8(value) : 0
                    }
                }
            }
        }
        return PNGImage(width: side, height: side, channels: 3, bytes: bytes)
    }
}
