import Dispatch
import LumenTensor

/// A stack of `height × width` float planes: what every functional transform works on.
///
/// A tensor `[..., H, W]` becomes its planes as they are; a picture becomes channel planes of
/// its bytes as floats 0…255, as torchvision works on a uint8 tensor. `fromBytes` remembers
/// that, so each transform can round or truncate back to bytes the way torchvision does for
/// uint8 tensors.
struct Planes {
    /// Values, plane after plane, each row-major.
    var values: [Float]
    /// The shape in front of height and width (`[C]`, `[N, C]`, or `[]` for a 2-D tensor).
    var leading: [Int]
    var height: Int
    var width: Int
    /// Whether the values are a picture's bytes (0…255) rather than a tensor's floats.
    var fromBytes: Bool

    var planeCount: Int { leading.reduce(1, *) }
    var planeSize: Int { height * width }
    /// Channels: the dimension just before height (1 for a 2-D tensor).
    var channels: Int { leading.last ?? 1 }

    init(values: [Float], leading: [Int], height: Int, width: Int, fromBytes: Bool) {
        self.values = values
        self.leading = leading
        self.height = height
        self.width = width
        self.fromBytes = fromBytes
    }

    /// The planes of a `[..., H, W]` tensor; `operation` names the caller in the error.
    init(_ tensor: Tensor, operation: String) throws {
        guard tensor.rank >= 2 else {
            throw VisionError("\(operation): expected a [..., H, W] tensor, got shape \(tensor.shape)")
        }
        self.init(values: tensor.scalars, leading: Array(tensor.shape.dropLast(2)),
                  height: tensor.shape[tensor.rank - 2], width: tensor.shape[tensor.rank - 1], fromBytes: false)
    }

    /// The channel planes of a picture, bytes as floats 0…255.
    init(_ image: Image) {
        let (plane, channels) = (image.width * image.height, image.channels)
        var values = [Float](repeating: 0, count: plane * channels)
        image.pixels.withUnsafeBufferPointer { src in
            values.withUnsafeMutableBufferPointer { dst in
                for c in 0..<channels {
                    for i in 0..<plane { dst[c &* plane &+ i] = Float(src[i &* channels &+ c]) }
                }
            }
        }
        self.init(values: values, leading: [channels], height: image.height, width: image.width, fromBytes: true)
    }

    /// Same leading shape and kind, new size and values.
    func with(values: [Float], height: Int, width: Int) -> Planes {
        Planes(values: values, leading: leading, height: height, width: width, fromBytes: fromBytes)
    }

    var tensor: Tensor { Tensor(values, shape: leading + [height, width]) }

    /// The picture these planes hold; values are clamped to 0…255 and truncated (every
    /// transform has already rounded or truncated them as torchvision does).
    func image(operation: String) throws -> Image {
        let channels = self.channels
        guard leading.count == 1, (1...4).contains(channels) else {
            throw VisionError("\(operation): cannot make a picture of \(leading + [height, width]) planes")
        }
        let plane = planeSize
        var bytes = [UInt8](repeating: 0, count: plane * channels)
        values.withUnsafeBufferPointer { src in
            bytes.withUnsafeMutableBufferPointer { dst in
                for c in 0..<channels {
                    for i in 0..<plane {
                        let v = src[c &* plane &+ i]
                        dst[i &* channels &+ c] = v >= 255 ? 255 : v > 0 ? UInt8(v) : 0
                    }
                }
            }
        }
        return Image(width: width, height: height, channels: channels, pixels: bytes)
    }

    /// Rounds half to even, as `torch.round` before a cast to uint8; only for byte planes.
    mutating func roundToBytes() {
        guard fromBytes else { return }
        values.withUnsafeMutableBufferPointer { v in
            for i in v.indices { v[i] = Swift.min(Swift.max(v[i].rounded(.toNearestOrEven), 0), 255) }
        }
    }

    /// Throws unless there are 1 or 3 channels, as torchvision's colour functions require.
    func requireGrayOrRGB(_ operation: String) throws {
        guard channels == 1 || channels == 3 else {
            throw VisionError("\(operation): expected 1 or 3 channels, got \(channels) in shape \(leading + [height, width])")
        }
    }
}

/// Runs a planes-to-planes function on a tensor, a picture, or either inside a ``TransformInput``.
enum PlanesFunction {
    static func apply(_ tensor: Tensor, _ operation: String, _ body: (Planes) throws -> Planes) throws -> Tensor {
        try body(Planes(tensor, operation: operation)).tensor
    }

    static func apply(_ image: Image, _ operation: String, _ body: (Planes) throws -> Planes) throws -> Image {
        try body(Planes(image)).image(operation: operation)
    }

    static func apply(_ input: TransformInput, _ operation: String, _ body: (Planes) throws -> Planes) throws -> TransformInput {
        switch input {
        case .image(let image): return .image(try apply(image, operation, body))
        case .tensor(let tensor): return .tensor(try apply(tensor, operation, body))
        }
    }
}

/// Splits `count` items of `cost` operations each over the cores when there is enough work.
func parallelChunks(_ count: Int, cost: Int, _ body: (Range<Int>) -> Void) {
    let chunks = Swift.min(Parallel.threadCount, Swift.max(1, count &* cost / 65_536), count)
    if chunks <= 1 {
        body(0..<count)
        return
    }
    // Each chunk writes its own range; the caller waits for all of them.
    nonisolated(unsafe) let body = body
    DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
        body((count &* chunk / chunks)..<(count &* (chunk &+ 1) / chunks))
    }
}
