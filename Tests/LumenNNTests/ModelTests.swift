import Testing
import LumenNN

@Suite struct ModelTests {
    @Test func leNetHasTheCourseParameterCountAndOutputShape() {
        let net = LeNet(classes: 10)
        #expect(net.parameters().map(\.count).reduce(0, +) == 62_006)
        #expect(net.namedParameters().map(\.name) == [
            "conv1.weight", "conv1.bias", "conv2.weight", "conv2.bias",
            "fc1.weight", "fc1.bias", "fc2.weight", "fc2.bias", "fc3.weight", "fc3.bias",
        ])
        #expect(net(Tensor.randn([2, 3, 32, 32])).shape == [2, 10])
    }

    @Test func resNet18HasTorchvisionsNamesAndParameterCount() {
        let model = ResNet.resnet18()
        #expect(model.parameters().map(\.count).reduce(0, +) == 11_689_512)
        let names = model.namedParameters().map(\.name)
        #expect(names.count == 62)
        #expect(names.prefix(3) == ["conv1.weight", "bn1.weight", "bn1.bias"])
        #expect(names.contains("layer2.0.downsample.0.weight"))
        #expect(names.contains("layer4.1.bn2.bias"))
        #expect(names.suffix(2) == ["fc.weight", "fc.bias"])
        #expect(model.namedBuffers().count == 60)
        #expect(model.module(at: "layer4.1.conv2") is Conv2d)
        #expect(ResNet.resnet18(numClasses: 10)(Tensor.randn([1, 3, 64, 64])).shape == [1, 10])
    }
}
