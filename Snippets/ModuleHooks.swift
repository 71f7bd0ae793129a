// A small network with a forward hook that keeps a layer's feature maps, a full backward hook
// that sees the gradients at the model's boundary, and torchsummary's table.
import LumenNN

// snippet.show
final class Net: Module {
    let features = Sequential(Conv2d(1, 4, 3), ReLU(), MaxPool2d(2), Flatten())
    let classifier = Linear(4 * 13 * 13, 10)
    override func forward(_ x: Tensor) -> Tensor { classifier(features(x)) }
}

let net = Net()
var maps: [Tensor] = []
let keepMaps = net.module(at: "features.0")!.registerForwardHook { _, _, output in maps.append(output) }
net.registerFullBackwardHook { _, gradInput, gradOutput in
    print("gradOutput", gradOutput.map { $0?.shape ?? [] }, "gradInput", gradInput.map { $0?.shape ?? [] })
}
try net(Tensor.randn([2, 1, 28, 28], requiresGrad: true)).sum().backward()
keepMaps.remove()
print("feature maps:", maps[0].shape)              // [2, 4, 26, 26]
print(summary(net, inputSize: [1, 28, 28]))
