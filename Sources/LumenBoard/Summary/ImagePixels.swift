/// An image laid out as PNG wants it: height × width × channels bytes, channels 1, 3 or 4.
public struct ImagePixels: Sendable, Equatable {
    public let height: Int
    public let width: Int
    public let channels: Int
    /// Row-major, channel-interleaved bytes.
    public let bytes: [UInt8]

    public init(height: Int, width: Int, channels: Int, bytes: [UInt8]) {
        precondition(bytes.count == height * width * channels, "ImagePixels: \(bytes.count) bytes for \(height)×\(width)×\(channels)")
        self.height = height
        self.width = width
        self.channels = channels
        self.bytes = bytes
    }
}

extension ImagePixels {
    /// Converts an image array to an RGB or RGBA picture exactly as PyTorch's `add_image` /
    /// `add_images` do: axes moved to HWC, one channel repeated to three, a batch tiled
    /// into a grid 8 images wide on a black canvas, floats scaled by `scaling`, clipped to
    /// 0…255 and truncated (0.999 × 255 → 254).
    ///
    /// - Throws: ``ImageError`` naming the shape and format when they do not fit the data.
    public init(float values: [Float], shape: [Int], format: ImageDataFormat, scaling: ImageScaling) throws {
        let layout = try ImageLayout(shape: shape, format: format, count: values.count)
        var factor: Float = 1
        switch scaling {
        case .multiplyBy255: factor = 255
        case .none: factor = 1
        case .automatic: factor = values.allSatisfy { !($0 > 1) } ? 255 : 1
        }
        self = layout.arrange(values) { v in
            let scaled = v * factor
            // NaN compares false both ways and becomes 0.
            return scaled >= 255 ? 255 : scaled > 0 ? UInt8(scaled) : 0
        }
    }

    /// Converts a byte image array as PyTorch does for `uint8` input (no scaling).
    /// - Throws: ``ImageError`` naming the shape and format when they do not fit the data.
    public init(bytes values: [UInt8], shape: [Int], format: ImageDataFormat) throws {
        let layout = try ImageLayout(shape: shape, format: format, count: values.count)
        self = layout.arrange(values) { $0 }
    }
}

/// Where each source element of an image array lands in the HWC picture.
struct ImageLayout {
    let batch: Int, channels: Int, height: Int, width: Int
    /// Source strides for the N, C, H, W axes (0 for an absent axis).
    let strideN: Int, strideC: Int, strideH: Int, strideW: Int
    let isBatch: Bool

    init(shape: [Int], format: ImageDataFormat, count: Int) throws {
        guard shape.count == format.rank else {
            throw ImageError(message: "image shape \(shape) has \(shape.count) axes but data format \(format) has \(format.rank)")
        }
        guard shape.allSatisfy({ $0 > 0 }), shape.reduce(1, *) == count else {
            throw ImageError(message: "image shape \(shape) (\(format)) needs \(shape.reduce(1, *)) values but \(count) were given")
        }
        var strides = [Int](repeating: 0, count: shape.count)
        var s = 1
        for i in stride(from: shape.count - 1, through: 0, by: -1) {
            strides[i] = s
            s *= shape[i]
        }
        func axisSize(_ axis: Character) -> Int { format.position(of: axis).map { shape[$0] } ?? 1 }
        func axisStride(_ axis: Character) -> Int { format.position(of: axis).map { strides[$0] } ?? 0 }
        batch = axisSize("N"); channels = axisSize("C"); height = axisSize("H"); width = axisSize("W")
        strideN = axisStride("N"); strideC = axisStride("C"); strideH = axisStride("H"); strideW = axisStride("W")
        isBatch = format.rank == 4
        let allowed: Set<Int> = isBatch ? [1, 3] : [1, 3, 4]
        guard allowed.contains(channels) else {
            throw ImageError(message: "image shape \(shape) (\(format)) has \(channels) channels; expected \(isBatch ? "1 or 3" : "1, 3 or 4")")
        }
    }

    /// Builds the picture, converting each value with `convert`; a channel of one is repeated
    /// into three, and a batch is tiled into a grid at most 8 images wide.
    func arrange<T>(_ values: [T], convert: (T) -> UInt8) -> ImagePixels {
        let outChannels = channels == 1 ? 3 : channels
        let columns = isBatch ? min(batch, 8) : 1
        let rows = isBatch ? (batch + columns - 1) / columns : 1
        let outWidth = width * columns, outHeight = height * rows
        var out = [UInt8](repeating: 0, count: outHeight * outWidth * outChannels)
        values.withUnsafeBufferPointer { src in
            out.withUnsafeMutableBufferPointer { dst in
                for n in 0..<batch {
                    let originY = (n / columns) * height, originX = (n % columns) * width
                    for y in 0..<height {
                        var o = ((originY + y) * outWidth + originX) * outChannels
                        let rowBase = n &* strideN &+ y &* strideH
                        for x in 0..<width {
                            let base = rowBase &+ x &* strideW
                            for c in 0..<outChannels {
                                dst[o] = convert(src[base &+ (channels == 1 ? 0 : c &* strideC)])
                                o &+= 1
                            }
                        }
                    }
                }
            }
        }
        return ImagePixels(height: outHeight, width: outWidth, channels: outChannels, bytes: out)
    }
}
