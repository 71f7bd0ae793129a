import CLumenZlib
import Foundation
import LumenNN
import LumenTensorTestSupport
import LumenTestSupport
import Testing

/// Tests/LumenNNTests/Fixtures/weights (Scripts/make_weights_fixtures.py): models PyTorch saved
/// with safetensors, an input, and torch's outputs for it.
struct WeightsFixture: Decodable {
    let input: FixtureTensor
    let evalOutput: FixtureTensor
    let keys: [String]
    let bytes: Int?
    let trainOutput: FixtureTensor?
    let trainRunningMean: FixtureTensor?
    let grads: [String: FixtureTensor]?

    static func load(_ name: String) throws -> WeightsFixture {
        try JSONDecoder().decode(WeightsFixture.self, from: Data(contentsOf: url(name, "json")))
    }

    static func url(_ name: String, _ fileExtension: String) throws -> URL {
        try #require(Bundle.module.url(forResource: "Fixtures/weights/\(name)", withExtension: fileExtension))
    }

    /// The uncompressed bytes of a zlib-compressed fixture file of `size` bytes.
    static func inflated(_ url: URL, size: Int) throws -> Data {
        let compressed = [UInt8](try Data(contentsOf: url))
        var output = [UInt8](repeating: 0, count: size)
        var outputLength = uLongf(size)
        let status = uncompress(&output, &outputLength, compressed, uLong(compressed.count))
        try #require(status == Z_OK && Int(outputLength) == size, "\(url.lastPathComponent): zlib status \(status)")
        return Data(output)
    }
}

@Suite("Weights saved from PyTorch load and give torch's outputs (Scripts/make_weights_fixtures.py)")
struct WeightsFixtureTests {
    @Test("LeNet: torch's state-dict keys, its safetensors file, its outputs")
    func leNet() throws {
        let fixture = try WeightsFixture.load("lenet")
        let net = LeNet().eval()
        #expect(net.stateDict().keys == fixture.keys)
        try net.loadSafetensors(from: WeightsFixture.url("lenet", "safetensors"))
        let output = withNoGrad { net(fixture.input.tensor) }
        #expect(maxDifference(output, fixture.evalOutput) <= 1e-5)
    }

    @Test("saving gives the bytes safetensors.torch.save_file wrote")
    func leNetBytesRoundTrip() throws {
        let url = try WeightsFixture.url("lenet", "safetensors")
        let torchBytes = try Data(contentsOf: url)
        let file = try SafetensorsFile(contentsOf: url)
        #expect(file.metadata.isEmpty)
        #expect(SafetensorsFile(tensors: file.tensors, metadata: [:]).encoded() == torchBytes)
    }

    @Test("ResNet-18: torchvision's 122 keys in order; eval and train outputs, running statistics and gradients")
    func resNet18() throws {
        let fixture = try WeightsFixture.load("resnet18")
        let bytes = try WeightsFixture.inflated(WeightsFixture.url("resnet18", "safetensors.zlib"), size: try #require(fixture.bytes))
        let model = ResNet.resnet18()
        #expect(model.stateDict().keys == fixture.keys)
        try model.loadStateDict(SafetensorsFile(decoding: bytes, source: "resnet18.safetensors").tensors)
        #expect(model.bn1.numBatchesTracked?.item() == 3)

        model.eval()
        let evalOutput = withNoGrad { model(fixture.input.tensor) }
        #expect(maxDifference(evalOutput, fixture.evalOutput) <= 1e-4)

        model.train()
        let trainOutput = model(fixture.input.tensor)
        #expect(maxDifference(trainOutput, try #require(fixture.trainOutput)) <= 1e-4)
        #expect(maxDifference(try #require(model.bn1.runningMean), try #require(fixture.trainRunningMean)) <= 1e-5)
        let upstream = Tensor((0..<trainOutput.count).map { Foundation.sin(Float($0)) }, shape: trainOutput.shape)
        try (trainOutput * upstream).sum().backward()
        let parameters = Dictionary(uniqueKeysWithValues: model.namedParameters().map { ($0.name, $0.parameter) })
        for (name, expected) in try #require(fixture.grads) {
            let grad = try #require(parameters[name]?.grad, "\(name) has no gradient")
            #expect(maxDifference(grad, expected) <= 1e-4 * max(1, expected.data.map(abs).max()!), "\(name)")
        }
    }

}
