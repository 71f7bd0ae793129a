import Foundation
import LumenNN
import LumenTensorTestSupport
import LumenTestSupport
import Testing

/// One layer call of Tests/LumenNNTests/Fixtures/layers.json (Scripts/make_nn_fixtures.py).
struct LayerCase: Decodable, CustomTestStringConvertible {
    let name: String
    /// torch's `repr(layer)`.
    let description: String
    let training: Bool
    let parameters: [String: FixtureTensor]
    let buffers: [String: FixtureTensor]
    let input: FixtureTensor
    let upstream: FixtureTensor
    let output: FixtureTensor
    let inputGrad: FixtureTensor
    let grads: [String: FixtureTensor]
    let buffersAfter: [String: FixtureTensor]

    var testDescription: String { name }

    struct File: Decodable {
        let cases: [LayerCase]
        let nestedDescription: String
        /// torch's `repr(torchvision.models.resnet18())`.
        let resnet18Description: String
    }

    static func file() -> File? {
        guard let url = Bundle.module.url(forResource: "Fixtures/layers", withExtension: "json"),
              let data = try? Data(contentsOf: url) else { return nil }
        return try? JSONDecoder().decode(File.self, from: data)
    }

    static func all() -> [LayerCase] { file()?.cases ?? [] }

    /// The Lumen layer the case's name describes (the names are written as Lumen calls).
    var layer: Module {
        switch name {
        case "Linear(4, 3)": Linear(4, 3)
        case "Linear(4, 3, bias: false) on [2, 5, 4]": Linear(4, 3, bias: false)
        case "Conv2d(2, 3, kernelSize: [3, 2], stride: 2, padding: 1)": Conv2d(2, 3, kernelSize: [3, 2], stride: 2, padding: 1)
        case "Conv2d(4, 4, 3, groups: 2, dilation: 2, bias: false)":
            Conv2d(4, 4, kernelSize: 3, dilation: 2, groups: 2, bias: false)
        case "MaxPool2d(2)": MaxPool2d(2)
        case "MaxPool2d(3, stride: 2, padding: 1, ceilMode: true)": MaxPool2d(3, stride: 2, padding: 1, ceilMode: true)
        case "AvgPool2d(3, stride: 2, padding: 1, countIncludePad: false)": AvgPool2d(3, stride: 2, padding: 1, countIncludePad: false)
        case "AdaptiveAvgPool2d([2, 3])": AdaptiveAvgPool2d([2, 3])
        case "BatchNorm2d(3) training", "BatchNorm2d(3) evaluation": BatchNorm2d(3)
        case "BatchNorm1d(3) training, [N, C]", "BatchNorm1d(3) training, [N, C, L]", "BatchNorm1d(3) evaluation": BatchNorm1d(3)
        case "ReLU()": ReLU()
        case "LeakyReLU(negativeSlope: 0.1)": LeakyReLU(negativeSlope: 0.1)
        case "Sigmoid()": Sigmoid()
        case "Tanh()": Tanh()
        case "GELU()": GELU()
        case "GELU(approximate: .tanh)": GELU(approximate: .tanh)
        case "Softmax(dim: 1)": Softmax(dim: 1)
        case "LogSoftmax(dim: 1)": LogSoftmax(dim: 1)
        case "Flatten()": Flatten()
        case "Identity()": Identity()
        case "Dropout() evaluation": Dropout()
        default: fatalError("no Lumen layer for fixture case \(name)")
        }
    }
}

@Suite("Layers match torch.nn's outputs and gradients (Scripts/make_nn_fixtures.py)")
struct LayerFixtureTests {
    @Test("layer forward, input and parameter gradients, and running statistics match torch.nn", arguments: LayerCase.all())
    func layer(_ fixture: LayerCase) throws {
        let layer = fixture.layer
        #expect(layer.description == fixture.description, "printed as torch prints it")
        layer.train(fixture.training)
        #expect(Set(layer.namedParameters().map(\.name)) == Set(fixture.parameters.keys), "the same parameters as torch")
        withNoGrad {
            for (name, parameter) in layer.namedParameters() { parameter.assign(fixture.parameters[name]!.tensor) }
            for (name, buffer) in layer.namedBuffers() { buffer.assign(fixture.buffers[Module.torchName(name)]!.tensor) }
        }
        let x = fixture.input.tensor
        x.requiresGrad = true
        let output = layer(x)
        try (output * fixture.upstream.tensor).sum().backward()

        #expect(maxRelativeDifference(output, fixture.output) <= 1e-5)
        #expect(maxRelativeDifference(try #require(x.grad), fixture.inputGrad) <= 1e-5)
        for (name, parameter) in layer.namedParameters() {
            #expect(maxRelativeDifference(try #require(parameter.grad), try #require(fixture.grads[name])) <= 1e-5)
        }
        for (name, buffer) in layer.namedBuffers() {
            #expect(maxRelativeDifference(buffer, try #require(fixture.buffersAfter[Module.torchName(name)])) <= 1e-5)
        }
    }

    @Test("a model with a Sequential inside prints as torch prints it, children indented")
    func nestedDescription() throws {
        final class Nested: Module {
            let features = Sequential(Conv2d(1, 2, 3), ReLU(), MaxPool2d(2))
            let head = Linear(8, 3, bias: false)
        }
        let file = try #require(LayerCase.file())
        #expect(Nested().description == file.nestedDescription)
    }

    @Test("ResNet-18 prints as torchvision's does: ReLU(inplace=True), AdaptiveAvgPool2d(output_size=(1, 1))")
    func resnet18Description() throws {
        let file = try #require(LayerCase.file())
        #expect(ResNet.resnet18().description == file.resnet18Description)
    }

    @Test("every case of the fixture was loaded")
    func loaded() { #expect(LayerCase.all().count == 24) }

}
