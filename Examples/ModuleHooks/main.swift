// Module forward hooks, as in PyTorch: a forward hook on conv1 collects its input and its
// output (the feature maps) while the network runs.
//   conv1 = Conv2d(1, 2, 3): kernel 0 all ones, kernel 1 all twos, bias 0
//   pool1 = MaxPool2d(2, 2)
// On a 4×4 input of ones every 3×3 window sums to 9 (kernel 0) or 18 (kernel 1), so the
// feature maps are [1, 2, 2, 2] of 9s and 18s, and the pooled output is [1, 2, 1, 1]: 9 and 18.
import LumenNN

final class Net: Module {
    let conv1 = Conv2d(1, 2, 3)
    let pool1 = MaxPool2d(2, stride: 2)

    override func forward(_ x: Tensor) -> Tensor { pool1(conv1(x)) }
}

let net = Net()
withNoGrad {
    net.conv1.weight.assign(Tensor.cat([Tensor.full([1, 1, 3, 3], 1), Tensor.full([1, 1, 3, 3], 2)], dim: 0))
    net.conv1.bias!.assign(Tensor.zeros([2]))
}

var captured: [(input: [Tensor], output: Tensor)] = []
let handle = net.conv1.registerForwardHook { module, input, output in captured.append((input, output)) }

let fakeImage = Tensor.ones([1, 1, 4, 4])
let output = net(fakeImage)
handle.remove()

print("output shape: \(output.shape)")
print("output value: \(output.scalars)")
print("feature maps shape: \(captured[0].output.shape)")
print("feature maps value: \(captured[0].output.scalars)")
print("input shape: \(captured[0].input[0].shape)")
print("input value: \(captured[0].input[0].scalars)")
