import LumenTensor

/// An 8-bit picture: `height` rows of `width` pixels with `channels` samples each, row-major and
/// channel-interleaved (HWC), as PIL holds an `L`, `LA`, `RGB` or `RGBA` image.
///
/// ```swift
/// let image = try Image(contentsOf: "cat.jpg")
/// let x = image.tensor()          // [3, H, W] floats in 0…1, as torchvision's ToTensor
/// ```
public struct Image: Sendable, Equatable {
    /// Pixels per row.
    public let width: Int
    /// Rows.
    public let height: Int
    /// Samples per pixel: 1 gray, 2 gray + alpha, 3 RGB, 4 RGBA.
    public let channels: Int
    /// `height × width × channels` bytes, row-major, channels interleaved.
    public var pixels: [UInt8]

    /// A picture from interleaved bytes; `pixels.count` must be `height × width × channels`.
    ///
    /// ```swift
    /// let red = Image(width: 1, height: 1, channels: 3, pixels: [255, 0, 0])
    /// ```
    public init(width: Int, height: Int, channels: Int, pixels: [UInt8]) {
        precondition(width >= 0 && height >= 0, "Image: negative size \(width)×\(height)")
        precondition((1...4).contains(channels), "Image: \(channels) channels (1 to 4 allowed)")
        precondition(pixels.count == width * height * channels,
                     "Image: \(pixels.count) bytes for \(width)×\(height) with \(channels) channels")
        self.width = width
        self.height = height
        self.channels = channels
        self.pixels = pixels
    }
}

extension Image {
    /// The picture as a `[channels, height, width]` tensor of floats in 0…1: each byte divided
    /// by 255, as torchvision's `ToTensor` / `to_tensor` does.
    ///
    /// ```swift
    /// let x = image.tensor()   // shape [3, H, W]
    /// ```
    public func tensor() -> Tensor {
        let plane = width * height
        var values = [Float](repeating: 0, count: plane * channels)
        pixels.withUnsafeBufferPointer { src in
            values.withUnsafeMutableBufferPointer { dst in
                for c in 0..<channels {
                    for i in 0..<plane { dst[c &* plane &+ i] = Float(src[i &* channels &+ c]) / 255 }
                }
            }
        }
        return Tensor(values, shape: [channels, height, width])
    }

    /// A picture from a `[C, H, W]` (or `[H, W]`) tensor of floats in 0…1, as torchvision's
    /// `to_pil_image`: each value multiplied by 255 and truncated to a byte (`mul(255).byte()`).
    /// Values outside 0…1 are clamped first, so they cannot wrap around.
    ///
    /// - Throws: ``VisionError`` when the tensor is not 2-D or 3-D with 1 to 4 channels.
    ///
    /// ```swift
    /// let image = try Image(tensor: Tensor.rand([3, 8, 8]))
    /// ```
    public init(tensor: Tensor) throws {
        let shape = tensor.rank == 2 ? [1] + tensor.shape : tensor.shape
        guard shape.count == 3, (1...4).contains(shape[0]) else {
            throw VisionError("Image(tensor:): expected a [C, H, W] tensor with 1 to 4 channels or an [H, W] one, got shape \(tensor.shape)")
        }
        let (channels, height, width) = (shape[0], shape[1], shape[2])
        let plane = width * height
        var bytes = [UInt8](repeating: 0, count: plane * channels)
        tensor.scalars.withUnsafeBufferPointer { src in
            bytes.withUnsafeMutableBufferPointer { dst in
                for c in 0..<channels {
                    for i in 0..<plane {
                        let v = src[c &* plane &+ i] * 255
                        dst[i &* channels &+ c] = v >= 255 ? 255 : v > 0 ? UInt8(v) : 0
                    }
                }
            }
        }
        self.init(width: width, height: height, channels: channels, pixels: bytes)
    }
}
