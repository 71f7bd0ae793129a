/// Lays a batch of images out as one picture, rows of `nrow` images with `padding` pixels
/// of `padValue` around each, exactly as torchvision's `make_grid` (bit-identical floats).
///
/// - `[N, C, H, W]`: N images; 1-channel images are repeated to 3 channels.
/// - `[C, H, W]`: one image; a 1-channel one is repeated to 3 channels.
/// - `[H, W]`: one 1-channel image, repeated to 3 channels.
///
/// A single image (N = 1, or a 3-D / 2-D input) comes back as `[C, H, W]` without padding,
/// as torchvision returns it. With `normalize`, each value is clamped to `low…high` (from
/// `valueRange`, else the minimum and maximum of the batch, or of each image with `scaleEach`)
/// and mapped to `(x − low) / max(high − low, 1e-5)`, the difference taken in double precision
/// as Python does.
///
/// - Throws: ``VisionError`` for a tensor that is not 2-D, 3-D or 4-D, an empty one, `nrow < 1`
///   or `padding < 0`.
///
/// ```swift
/// let batch = Tensor.randn([16, 3, 32, 32])
/// let grid = try makeGrid(batch, nrow: 4, normalize: true)   // [3, 138, 138]
/// ```
public func makeGrid(
    _ tensor: Tensor,
    nrow: Int = 8,
    padding: Int = 2,
    normalize: Bool = false,
    valueRange: (Float, Float)? = nil,
    scaleEach: Bool = false,
    padValue: Float = 0
) throws -> Tensor {
    let layout = try GridInput(shape: tensor.shape)
    guard nrow >= 1 else { throw VisionError("makeGrid: nrow must be at least 1, got \(nrow)") }
    guard padding >= 0 else { throw VisionError("makeGrid: padding must not be negative, got \(padding)") }
    let (count, channels, height, width) = (layout.count, layout.channels, layout.height, layout.width)
    let outChannels = layout.repeatsChannel ? 3 : channels
    let image = channels * height * width
    let src = tensor.scalars

    // Per image: the linear map applied to its values, if any.
    var scalings = [Normalization?](repeating: nil, count: count)
    if normalize {
        if let (low, high) = valueRange {
            scalings = Array(repeating: Normalization(low: Double(low), high: Double(high)), count: count)
        } else if scaleEach {
            for k in 0..<count {
                let (low, high) = minMax(src, from: k * image, count: image)
                scalings[k] = Normalization(low: Double(low), high: Double(high))
            }
        } else {
            let (low, high) = minMax(src, from: 0, count: src.count)
            scalings = Array(repeating: Normalization(low: Double(low), high: Double(high)), count: count)
        }
    }

    if count == 1 {
        var values = [Float](repeating: 0, count: outChannels * height * width)
        values.withUnsafeMutableBufferPointer { dst in
            src.withUnsafeBufferPointer { src in
                for c in 0..<outChannels {
                    let from = src.baseAddress! + (layout.repeatsChannel ? 0 : c * height * width)
                    copyRows(from: from, to: dst.baseAddress! + c * height * width, rows: height,
                             width: width, destinationStride: width, scaling: scalings[0])
                }
            }
        }
        return Tensor(values, shape: [outChannels, height, width])
    }

    let columns = min(nrow, count)
    let rows = (count + columns - 1) / columns
    let cellHeight = height + padding, cellWidth = width + padding
    let gridHeight = cellHeight * rows + padding, gridWidth = cellWidth * columns + padding
    let plane = gridHeight * gridWidth
    var values = [Float](repeating: padValue, count: outChannels * plane)
    values.withUnsafeMutableBufferPointer { dst in
        src.withUnsafeBufferPointer { src in
            for k in 0..<count {
                let top = (k / columns) * cellHeight + padding
                let left = (k % columns) * cellWidth + padding
                for c in 0..<outChannels {
                    let from = src.baseAddress! + k * image + (layout.repeatsChannel ? 0 : c * height * width)
                    let to = dst.baseAddress! + c * plane + top * gridWidth + left
                    copyRows(from: from, to: to, rows: height, width: width,
                             destinationStride: gridWidth, scaling: scalings[k])
                }
            }
        }
    }
    return Tensor(values, shape: [outChannels, gridHeight, gridWidth])
}

/// How `makeGrid` reads its input's shape.
private struct GridInput {
    let count: Int, channels: Int, height: Int, width: Int
    /// A 1-channel image that torchvision repeats to 3 channels.
    var repeatsChannel: Bool { channels == 1 }

    init(shape: [Int]) throws {
        switch shape.count {
        case 2: (count, channels, height, width) = (1, 1, shape[0], shape[1])
        case 3: (count, channels, height, width) = (1, shape[0], shape[1], shape[2])
        case 4: (count, channels, height, width) = (shape[0], shape[1], shape[2], shape[3])
        default:
            throw VisionError("makeGrid: expected an [N, C, H, W], [C, H, W] or [H, W] tensor, got shape \(shape)")
        }
        guard shape.allSatisfy({ $0 > 0 }) else {
            throw VisionError("makeGrid: the tensor of shape \(shape) is empty")
        }
    }
}

/// torchvision's `norm_ip`: `clamp_(low, high)`, `sub_(low)`, `div_(max(high - low, 1e-5))`,
/// each a float32 operation with the Python scalar rounded to float32.
private struct Normalization {
    let low: Float, high: Float, divisor: Float

    init(low: Double, high: Double) {
        self.low = Float(low)
        self.high = Float(high)
        divisor = Float(max(high - low, 1e-5))
    }
}

/// The minimum and maximum of `count` values starting at `start`.
private func minMax(_ values: [Float], from start: Int, count: Int) -> (Float, Float) {
    values.withUnsafeBufferPointer { buffer in
        let p = buffer.baseAddress! + start
        var low = SIMD8<Float>(repeating: p[0]), high = low
        var i = 0
        while i &+ 8 <= count {
            let v = UnsafeRawPointer(p + i).loadUnaligned(as: SIMD8<Float>.self)
            low = pointwiseMin(low, v)
            high = pointwiseMax(high, v)
            i &+= 8
        }
        var lowest = low.min(), highest = high.max()
        while i < count {
            lowest = min(lowest, p[i])
            highest = max(highest, p[i])
            i &+= 1
        }
        return (lowest, highest)
    }
}

/// Copies `rows` rows of `width` values into a destination whose rows are `destinationStride`
/// apart, normalizing them on the way when asked.
private func copyRows(
    from src: UnsafePointer<Float>, to dst: UnsafeMutablePointer<Float>,
    rows: Int, width: Int, destinationStride: Int, scaling: Normalization?
) {
    for y in 0..<rows {
        let s = src + y &* width, d = dst + y &* destinationStride
        guard let scaling else {
            d.update(from: s, count: width)
            continue
        }
        let (low, high, divisor) = (scaling.low, scaling.high, scaling.divisor)
        for x in 0..<width {
            let v = s[x]
            let above = v < low ? low : v
            let clamped = above > high ? high : above
            d[x] = (clamped - low) / divisor
        }
    }
}
