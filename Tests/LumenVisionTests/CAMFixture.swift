import CLumenZlib
import Foundation
import LumenNN
import LumenTensor
import LumenTestSupport
import LumenVision
import Testing

/// Tests/LumenVisionTests/Fixtures/cam (Scripts/make_cam_fixtures.py): maps pytorch-grad-cam
/// 1.5.7 computed for a small CNN and for ResNet-18 with fixed weights.
struct CAMFixture: Decodable {
    struct Target: Decodable {
        let kind: String
        let index: Int
        var target: CAMTarget { kind == "softmax" ? .softmaxCategory(index) : .category(index) }
    }

    struct Case: Decodable {
        let name: String
        let method: String
        let layers: [String]
        let inputSize: [Int]
        let targets: [Target]?
        let augSmooth: Bool
        let eigenSmooth: Bool
        let batchSize: Int?
        let categories: [Int]
        let maps: String
        let flippedMaps: String?

        var outputShape: [Int] { [inputSize[0], inputSize[2], inputSize[3]] }

        func makeCAM(_ model: Module) throws -> BaseCAM {
            switch method {
            case "GradCAM": try GradCAM(model: model, targetLayers: layers)
            case "HiResCAM": try HiResCAM(model: model, targetLayers: layers)
            case "GradCAMPlusPlus": try GradCAMPlusPlus(model: model, targetLayers: layers)
            case "XGradCAM": try XGradCAM(model: model, targetLayers: layers)
            case "LayerCAM": try LayerCAM(model: model, targetLayers: layers)
            case "EigenCAM": try EigenCAM(model: model, targetLayers: layers)
            case "EigenGradCAM": try EigenGradCAM(model: model, targetLayers: layers)
            case "ScoreCAM": try ScoreCAM(model: model, targetLayers: layers, batchSize: batchSize ?? 16)
            case "AblationCAM": try AblationCAM(model: model, targetLayers: layers, batchSize: batchSize ?? 32)
            case "CAM": try CAM(model: model, targetLayers: layers)
            default: throw VisionError("unknown method \(method) in the fixture")
            }
        }

        /// Runs the case and returns, per image, the largest difference from the library's map
        /// (or from its sign-flipped map, when that is closer).
        func differences(_ model: Module) throws -> [Float] {
            let cam = try makeCAM(model)
            let ours = try cam(patternInput(inputSize), targets: targets?.map(\.target), augSmooth: augSmooth, eigenSmooth: eigenSmooth)
            guard ours.shape == outputShape else { return [.infinity] }
            let expected = try CAMFixture.unpack(maps, shape: outputShape)
            let flipped = try flippedMaps.map { try CAMFixture.unpack($0, shape: outputShape) }
            let size = outputShape[1] * outputShape[2]
            return (0..<outputShape[0]).map { image in
                let range = (image * size)..<((image + 1) * size)
                let plain = maxDifference(ours.scalars[range], expected[range])
                return flipped.map { min(plain, maxDifference(ours.scalars[range], $0[range])) } ?? plain
            }
        }
    }

    struct Metric: Decodable {
        let `case`: String
        let value: [Float]
    }

    let bytes: Int?
    let cases: [Case]
    let metric: Metric?

    static func load(_ name: String) throws -> CAMFixture {
        try JSONDecoder().decode(CAMFixture.self, from: Data(contentsOf: url(name, "json")))
    }

    static func url(_ name: String, _ fileExtension: String) throws -> URL {
        try #require(Bundle.module.url(forResource: "Fixtures/cam/\(name)", withExtension: fileExtension))
    }

    func cases(_ method: String) -> [Case] { cases.filter { $0.method == method && !$0.name.hasPrefix("metric") } }

    /// Maps packed by the script: base64 of zlib of little-endian int32 second differences
    /// along each row of round(v · 65535).
    static func unpack(_ text: String, shape: [Int]) throws -> [Float] {
        let compressed = [UInt8](try #require(Data(base64Encoded: text)))
        let count = shape.reduce(1, *)
        var raw = [UInt8](repeating: 0, count: count * 4)
        var length = uLongf(raw.count)
        let status = uncompress(&raw, &length, compressed, uLong(compressed.count))
        try #require(status == Z_OK && Int(length) == raw.count, "zlib status \(status)")
        let width = shape[shape.count - 1]
        var values = [Float](repeating: 0, count: count)
        for row in stride(from: 0, to: count, by: width) {
            var previous = 0, beforePrevious = 0
            for x in 0..<width {
                let i = (row + x) * 4
                let residual = Int(Int32(bitPattern: UInt32(raw[i]) | UInt32(raw[i + 1]) << 8 | UInt32(raw[i + 2]) << 16 | UInt32(raw[i + 3]) << 24))
                let value = residual + 2 * previous - beforePrevious
                values[row + x] = Float(value) / 65535
                (beforePrevious, previous) = (previous, value)
            }
        }
        return values
    }
}

/// The script's input: sin(0.19·y + 0.13·x·(c + 1) + 0.7·n) + 0.5·cos(0.011·x·y + 0.3·c),
/// computed in double and rounded to float.
func patternInput(_ shape: [Int]) -> Tensor {
    var values: [Float] = []
    values.reserveCapacity(shape.reduce(1, *))
    for n in 0..<shape[0] {
        for c in 0..<shape[1] {
            for y in 0..<shape[2] {
                for x in 0..<shape[3] {
                    let (n, c, y, x) = (Double(n), Double(c), Double(y), Double(x))
                    values.append(Float(Foundation.sin(0.19 * y + 0.13 * x * (c + 1) + 0.7 * n) + 0.5 * Foundation.cos(0.011 * x * y + 0.3 * c)))
                }
            }
        }
    }
    return Tensor(values, shape: shape)
}

/// The script's small CNN: conv-bn-relu, conv(stride 2)-bn-relu, global average pool, linear.
final class SmallCNN: Module {
    let features = Sequential(
        Conv2d(3, 8, kernelSize: 3, padding: 1), BatchNorm2d(8), ReLU(),
        Conv2d(8, 16, kernelSize: 3, stride: 2, padding: 1), BatchNorm2d(16), ReLU())
    let pool = AdaptiveAvgPool2d(1)
    let fc = Linear(16, 10)

    override func forward(_ x: Tensor) -> Tensor { fc(pool(features(x)).flatten(startDim: 1)) }

    static func loaded() throws -> SmallCNN {
        let model = SmallCNN()
        try model.loadSafetensors(from: CAMFixture.url("small_cnn", "safetensors"))
        return model.eval()
    }
}

/// ResNet-18 with the script's patterned weights.
func loadedResNet18(bytes: Int) throws -> ResNet {
    let url = try CAMFixture.url("resnet18", "safetensors.zlib")
    let compressed = [UInt8](try Data(contentsOf: url))
    var raw = [UInt8](repeating: 0, count: bytes)
    var length = uLongf(bytes)
    let status = uncompress(&raw, &length, compressed, uLong(compressed.count))
    try #require(status == Z_OK && Int(length) == bytes, "resnet18.safetensors.zlib: zlib status \(status)")
    let model = ResNet.resnet18()
    try model.loadStateDict(SafetensorsFile(decoding: Data(raw), source: "resnet18.safetensors").tensors)
    return model.eval()
}
