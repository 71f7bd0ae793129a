import Foundation
import LumenPNG

/// Writes a batch of images (or one image) to a PNG file as torchvision's `save_image` does:
/// ``makeGrid(_:nrow:padding:normalize:valueRange:scaleEach:padValue:)``, then each value
/// `x × 255 + 0.5` clamped to 0…255 and truncated to a byte. A 1-channel input is saved as
/// RGB, since the grid repeats it to 3 channels; 2- and 4-channel grids are saved as
/// gray + alpha and RGBA.
///
/// - Throws: ``VisionError`` for the shapes ``makeGrid(_:nrow:padding:normalize:valueRange:scaleEach:padValue:)``
///   refuses, a grid with more than 4 channels, or a file that cannot be written (naming it).
///
/// ```swift
/// try saveImage(Tensor.rand([8, 3, 28, 28]), to: "samples.png", nrow: 4)
/// ```
public func saveImage(
    _ tensor: Tensor,
    to path: String,
    nrow: Int = 8,
    padding: Int = 2,
    normalize: Bool = false,
    valueRange: (Float, Float)? = nil,
    scaleEach: Bool = false,
    padValue: Float = 0
) throws {
    let grid = try makeGrid(tensor, nrow: nrow, padding: padding, normalize: normalize,
                            valueRange: valueRange, scaleEach: scaleEach, padValue: padValue)
    let (channels, height, width) = (grid.shape[0], grid.shape[1], grid.shape[2])
    guard (1...4).contains(channels) else {
        throw VisionError("saveImage: a PNG holds 1 to 4 channels, the grid of \(tensor.shape) has \(channels)")
    }
    let plane = height * width
    var bytes = [UInt8](repeating: 0, count: plane * channels)
    grid.scalars.withUnsafeBufferPointer { src in
        bytes.withUnsafeMutableBufferPointer { dst in
            for c in 0..<channels {
                for i in 0..<plane {
                    // mul(255), then add_(0.5): two float32 roundings, then clamp_(0, 255).
                    let scaled = src[c &* plane &+ i] * 255
                    let rounded = scaled + 0.5
                    dst[i &* channels &+ c] = rounded >= 255 ? 255 : rounded > 0 ? UInt8(rounded) : 0
                }
            }
        }
    }
    let png = PNGEncoder.encode(PNGImage(width: width, height: height, channels: channels, bytes: bytes))
    do {
        try Data(png).write(to: URL(fileURLWithPath: path))
    } catch {
        throw VisionError("saveImage: \(path) cannot be written (\(error.localizedDescription))")
    }
}
