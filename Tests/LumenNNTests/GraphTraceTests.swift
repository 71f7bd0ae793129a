import LumenNN
import Testing

@Suite("traceGraph records the ops of a forward pass, scoped by module")
struct GraphTraceTests {
    @Test("LeNet: scopes, ops, shapes and edges")
    func leNet() throws {
        let net = LeNet()
        let graph = traceGraph(net, input: Tensor.zeros([1, 3, 32, 32]))
        let byName = Dictionary(uniqueKeysWithValues: graph.nodes.map { ($0.name, $0) })
        #expect(graph.nodes.first?.name == "input/input")
        #expect(graph.nodes.last == .init(name: "output/output", op: "IO Node", inputs: ["LeNet/Linear[fc3]/Add"], outputShape: [1, 10]))
        let conv = try #require(byName["LeNet/Conv2d[conv1]/Convolution"])
        #expect(conv.inputs == ["input/input", "LeNet/Conv2d[conv1]/weight", "LeNet/Conv2d[conv1]/bias"])
        #expect(conv.outputShape == [1, 6, 28, 28])
        #expect(byName["LeNet/Conv2d[conv1]/weight"]?.op == "Parameter")
        // Functional ReLU and pooling in LeNet.forward belong to LeNet itself.
        #expect(byName["LeNet/Relu"]?.inputs == ["LeNet/Conv2d[conv1]/Convolution"])
        #expect(graph.nodes.filter { $0.op == "Convolution" }.count == 2)
        #expect(graph.nodes.filter { $0.op == "Parameter" }.count == 10)
        // Every input is defined before it is used, and names are unique.
        var seen: Set<String> = []
        for node in graph.nodes {
            #expect(node.inputs.allSatisfy(seen.contains), "\(node.name) reads a node not yet defined")
            #expect(seen.insert(node.name).inserted, "\(node.name) twice")
        }
    }

    @Test("Full backward hooks, the module's own or global, leave the traced graph as it is without them")
    func backwardHooksAreNotOps() throws {
        let net = LeNet()
        let plain = traceGraph(net, input: Tensor.zeros([1, 3, 32, 32]))
        let own = net.conv1.registerFullBackwardHook { _, _, _ in nil }
        let global = registerModuleFullBackwardHook { _, _, _ in nil }
        let hooked = traceGraph(net, input: Tensor.zeros([1, 3, 32, 32]))
        own.remove()
        global.remove()
        #expect(hooked.nodes == plain.nodes)
        #expect(!hooked.nodes.contains { $0.op.contains("BackwardHook") })
    }

    @Test("ResNet-18: nested scopes, a module called twice; training mode restored, nothing accumulated")
    func resNet() throws {
        let model = ResNet.resnet18(numClasses: 10)
        model.layer1.train(false)
        let graph = traceGraph(model, input: Tensor.zeros([1, 3, 32, 32]))
        let names = Set(graph.nodes.map(\.name))
        #expect(graph.nodes.filter { $0.op == "Convolution" }.count == 20)
        #expect(names.contains("ResNet/Sequential[layer2]/BasicBlock[0]/Sequential[downsample]/Conv2d[0]/Convolution"))
        #expect(names.contains("ResNet/Sequential[layer1]/BasicBlock[0]/ReLU[relu]/Relu"))
        #expect(names.contains("ResNet/Sequential[layer1]/BasicBlock[0]/ReLU[relu]/Relu_1"))
        #expect(names.contains("ResNet/BatchNorm2d[bn1]/weight"))
        // The residual sum belongs to its block, though the block's output comes from a child.
        #expect(names.contains("ResNet/Sequential[layer1]/BasicBlock[0]/Add"))
        #expect(!names.contains("ResNet/Add"))
        #expect(model.isTraining && !model.layer1.isTraining && model.layer2.isTraining)
        #expect(model.bn1.numBatchesTracked?.item() == 0)
        #expect(model.parameters().allSatisfy { $0.grad == nil })
    }

    @Test("tracing inside withNoGrad still sees every op")
    func insideNoGrad() {
        let graph = withNoGrad { traceGraph(LeNet(), input: Tensor.zeros([1, 3, 32, 32])) }
        #expect(graph.nodes.filter { $0.op == "Convolution" }.count == 2)
    }
}
