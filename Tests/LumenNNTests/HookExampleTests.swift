import LumenNN
import Testing

@Suite("The forward-hook example of PyTorch's tutorial")
struct HookExampleTests {
    @Test("a forward hook on conv1 collects the feature maps and the input, as in torch")
    func featureMaps() throws {
        let net = HookExampleNet()
        var captured: [(input: [Tensor], output: Tensor)] = []
        let handle = net.conv1.registerForwardHook { module, input, output in captured.append((input, output)) }
        let output = net(Tensor.ones([1, 1, 4, 4]))
        handle.remove()

        #expect(output.shape == [1, 2, 1, 1])
        #expect(output.scalars == [9, 18])
        try #require(captured.count == 1)
        let (input, featureMaps) = captured[0]
        #expect(featureMaps.shape == [1, 2, 2, 2])
        #expect(featureMaps.scalars == [9, 9, 9, 9, 18, 18, 18, 18])
        #expect(input.count == 1)
        #expect(input[0].shape == [1, 1, 4, 4])
        #expect(input[0].scalars == [Float](repeating: 1, count: 16))

        _ = net(Tensor.ones([1, 1, 4, 4]))
        #expect(captured.count == 1, "a removed hook no longer runs")
    }
}

/// The network of README's LumenNN section.
final class ReadmeNet: Module {
    let features = Sequential(Conv2d(1, 4, 3), ReLU(), MaxPool2d(2), Flatten())
    let classifier = Linear(4 * 13 * 13, 10)
    override func forward(_ x: Tensor) -> Tensor { classifier(features(x)) }
}

@Suite("README's LumenNN example")
struct ReadmeExampleTests {
    @Test("names, a forward hook found by path, and a full backward hook on the root")
    func readme() throws {
        let net = ReadmeNet()
        #expect(net.namedParameters().map(\.name) == ["features.0.weight", "features.0.bias", "classifier.weight", "classifier.bias"])
        var maps: [Tensor] = []
        let handle = try #require(net.module(at: "features.0")).registerForwardHook { _, _, output in maps.append(output) }
        var gradShapes: [[Int]?] = []
        net.registerFullBackwardHook { _, gradInput, gradOutput in gradShapes = (gradInput + gradOutput).map { $0?.shape } }
        try net(Tensor.randn([2, 1, 28, 28])).sum().backward()
        handle.remove()
        #expect(maps.map(\.shape) == [[2, 4, 26, 26]])
        #expect(gradShapes == [nil, [2, 10]])
    }
}
