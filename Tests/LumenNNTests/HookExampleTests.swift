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
