import CLumenZlib
import Foundation
import LumenVision
import Testing

/// Fixtures/transforms (Scripts/make_transform_fixtures.py): inputs and torchvision 0.29's
/// outputs of its functional transforms, tensors stored as gzipped float32.
struct TransformFixture: @unchecked Sendable {
    struct Stored {
        let shape: [Int]
        let isBytes: Bool
        let values: [Float]

        var tensor: Tensor { Tensor(values, shape: shape) }

        /// The `[C, H, W]` uint8 values as a picture.
        var image: Image {
            let (c, h, w) = (shape[0], shape[1], shape[2])
            var pixels = [UInt8](repeating: 0, count: values.count)
            for channel in 0..<c {
                for i in 0..<(h * w) { pixels[i * c + channel] = UInt8(values[channel * h * w + i]) }
            }
            return Image(width: w, height: h, channels: c, pixels: pixels)
        }
    }

    struct Case {
        let op: String
        let input: String
        let params: [String: Any]
        let output: String
        var label: String { "\(op)(\(input), \(params.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" }.joined(separator: ", ")))" }

        func int(_ key: String) -> Int { params[key] as! Int }
        func double(_ key: String) -> Double { (params[key] as! NSNumber).doubleValue }
        func bool(_ key: String) -> Bool { params[key] as! Bool }
        func ints(_ key: String) -> [Int]? { params[key] as? [Int] }
        func floats(_ key: String) -> [Float]? { (params[key] as? [NSNumber])?.map { $0.floatValue } }
        var interpolation: InterpolationMode {
            switch params["interpolation"] as! String {
            case "nearest": .nearest
            case "nearestExact": .nearestExact
            case "bicubic": .bicubic
            default: .bilinear
            }
        }
    }

    let tensors: [String: Stored]
    let cases: [Case]

    static let shared: TransformFixture = try! load()

    func cases(_ op: String) -> [Case] { cases.filter { $0.op == op } }

    private static func load() throws -> TransformFixture {
        let folder = Bundle.module.url(forResource: "Fixtures", withExtension: nil)!.appendingPathComponent("transforms")
        let index = try JSONSerialization.jsonObject(with: Data(contentsOf: folder.appendingPathComponent("cases.json"))) as! [String: Any]
        let blob = try gunzip([UInt8](Data(contentsOf: folder.appendingPathComponent("tensors.f32.gz"))))
        let floats: [Float] = blob.withUnsafeBytes { raw in
            (0..<(blob.count / 4)).map { Float(bitPattern: UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: $0 * 4, as: UInt32.self))) }
        }
        var tensors: [String: Stored] = [:]
        for (name, entry) in index["tensors"] as! [String: [String: Any]] {
            let shape = entry["shape"] as! [Int], offset = entry["offset"] as! Int
            let count = shape.reduce(1, *)
            tensors[name] = Stored(shape: shape, isBytes: entry["dtype"] as! String == "uint8",
                                   values: Array(floats[offset..<offset + count]))
        }
        let cases = (index["cases"] as! [[String: Any]]).map {
            Case(op: $0["op"] as! String, input: $0["input"] as! String, params: $0["params"] as! [String: Any], output: $0["output"] as! String)
        }
        return TransformFixture(tensors: tensors, cases: cases)
    }

    /// The bytes of a gzip stream (zlib's inflate with gzip framing).
    private static func gunzip(_ compressed: [UInt8]) throws -> [UInt8] {
        var stream = z_stream()
        guard inflateInit2_(&stream, 16 + MAX_WBITS, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            throw VisionError("tensors.f32.gz: inflateInit2 failed")
        }
        defer { inflateEnd(&stream) }
        var output: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 20)
        var input = compressed
        var status: Int32 = Z_OK
        input.withUnsafeMutableBufferPointer { source in
            stream.next_in = source.baseAddress
            stream.avail_in = uInt(source.count)
            repeat {
                chunk.withUnsafeMutableBufferPointer { target in
                    stream.next_out = target.baseAddress
                    stream.avail_out = uInt(target.count)
                    status = inflate(&stream, Z_NO_FLUSH)
                    output.append(contentsOf: target.prefix(target.count - Int(stream.avail_out)))
                }
            } while status == Z_OK
        }
        guard status == Z_STREAM_END else { throw VisionError("tensors.f32.gz: inflate status \(status)") }
        return output
    }
}

/// The picture's bytes in `[C, H, W]` order as floats, to compare with a uint8 tensor.
func planarValues(_ image: Image) -> [Float] {
    let plane = image.width * image.height
    return (0..<image.channels).flatMap { c in (0..<plane).map { Float(image.pixels[$0 * image.channels + c]) } }
}

/// The picture's shape as `[C, H, W]`.
func planarShape(_ image: Image) -> [Int] { [image.channels, image.height, image.width] }
