import LumenTensor

/// Runs `model` once on `input` and records the ops it ran, grouped by module, as PyTorch's
/// `add_graph` traces a model.
///
/// The pass runs in evaluation mode (as PyTorch traces), with `input` as a fresh leaf that
/// requires grad so that every op records its autograd node; nothing is accumulated, each
/// module's training mode is restored, and the hooks used to find module scopes are removed.
/// Ops are read from the autograd graph, so an op that no gradient could flow through (one on
/// tensors that require no grad only, such as a comparison) does not appear.
///
/// ```swift
/// let graph = traceGraph(ResNet.resnet18(), input: Tensor.zeros([1, 3, 224, 224]))
/// graph.nodes.filter { $0.op == "Convolution" }.count   // 20
/// ```
public func traceGraph(_ model: Module, input: Tensor) -> ModelGraph {
    GraphTracer(model: model).trace(input)
}

/// Assigns each autograd node of one forward pass to the innermost module call that made it.
private struct GraphTracer {
    let model: Module
    /// The scope of each module, and the names of parameters and buffers.
    private var scopes: [(module: Module, scope: String)] = []
    private var leafNames: [ObjectIdentifier: (name: String, op: String)] = [:]

    init(model: Module) {
        self.model = model
        collectScopes(model, scope: model.typeName)
    }

    private mutating func collectScopes(_ module: Module, scope: String) {
        // A module reachable twice keeps its first scope (and gets one hook).
        guard !scopes.contains(where: { $0.module === module }) else { return }
        scopes.append((module, scope))
        for item in module.items {
            let leaf: (name: String, tensor: Tensor, op: String)
            switch item {
            case .parameter(let name, let tensor): leaf = (name, tensor, "Parameter")
            case .buffer(let name, let tensor): leaf = (name, tensor, "Buffer")
            case .module: continue
            }
            // A tensor shared by two modules keeps the name of the first.
            let key = ObjectIdentifier(leaf.tensor)
            leafNames[key] = leafNames[key] ?? ("\(scope)/\(Module.torchName(leaf.name))", leaf.op)
        }
        for (name, child) in module.namedChildren() {
            collectScopes(child, scope: "\(scope)/\(child.typeName)[\(Module.torchName(name))]")
        }
    }

    func trace(_ input: Tensor) -> ModelGraph {
        model.inEvaluationMode { trace(leafOf: input) }
    }

    private func trace(leafOf input: Tensor) -> ModelGraph {
        let leaf = input.detach()
        leaf.requiresGrad = true
        let claims = ScopeClaims()
        let handles = scopes.map { module, scope in
            module.registerForwardHook { _, inputs, output in
                claims.claim(from: output, stoppingAt: inputs, scope: scope)
                return nil
            }
        }
        // Ops record their autograd nodes even when the caller turned gradients off.
        let output = withGradEnabled { model(leaf) }
        handles.forEach { $0.remove() }
        return ModelGraph(nodes: nodes(output: output, input: leaf, claims: claims))
    }

    /// The graph's nodes in order: a depth-first walk from the output that emits every node
    /// after its inputs.
    private func nodes(output: Tensor, input: Tensor, claims: ScopeClaims) -> [ModelGraph.Node] {
        var names: [ObjectIdentifier: String] = [ObjectIdentifier(input): "input/input"]
        var result = [ModelGraph.Node(name: "input/input", op: "IO Node", inputs: [], outputShape: input.shape)]
        var used: [String: Int] = [:]
        func unique(_ base: String) -> String {
            let count = used[base, default: 0]
            used[base] = count + 1
            return count == 0 ? base : "\(base)_\(count)"
        }
        var stack: [(tensor: Tensor, consumerScope: String, expanded: Bool)] = [(output, model.typeName, false)]
        while let (tensor, consumerScope, expanded) = stack.popLast() {
            let key = ObjectIdentifier(tensor)
            if names[key] != nil { continue }
            guard let node = tensor.gradFn else {
                let (name, op) = leafNames[key] ?? (unique("\(consumerScope)/constant"), "Constant")
                names[key] = name
                result.append(.init(name: name, op: op, inputs: [], outputShape: tensor.shape))
                continue
            }
            let scope = claims.scope(of: tensor) ?? model.typeName
            if !expanded {
                stack.append((tensor, consumerScope, true))
                for operand in node.inputs.reversed() where names[ObjectIdentifier(operand)] == nil {
                    stack.append((operand, scope, false))
                }
                continue
            }
            // The identity nodes that full backward hooks wrap around a module's input and output
            // are hook plumbing, not the model's ops (torch's trace does not show them either):
            // their output takes their input's name.
            if node.name == "BackwardHookFunctionBackward", node.inputs.count == 1 {
                names[key] = names[ObjectIdentifier(node.inputs[0])]!
                continue
            }
            let op = Self.opName(node.name)
            let name = unique("\(scope)/\(op)")
            names[key] = name
            result.append(.init(name: name, op: op, inputs: node.inputs.map { names[ObjectIdentifier($0)]! }, outputShape: tensor.shape))
        }
        result.append(.init(name: "output/output", op: "IO Node", inputs: [names[ObjectIdentifier(output)]!], outputShape: output.shape))
        return result
    }

    /// `ConvolutionBackward0` → `Convolution`.
    static func opName(_ gradFnName: String) -> String {
        guard let range = gradFnName.range(of: "Backward", options: .backwards),
              gradFnName[range.upperBound...].allSatisfy(\.isNumber), range.lowerBound != gradFnName.startIndex else { return gradFnName }
        return String(gradFnName[..<range.lowerBound])
    }
}

/// The scope claimed for each autograd result, innermost module call first (a class, so the
/// forward hooks can write to it).
private final class ScopeClaims {
    /// Each claimed tensor (kept alive, so its identifier is not reused) and its scope.
    private var claimed: [ObjectIdentifier: (tensor: Tensor, scope: String)] = [:]

    /// The scope that claimed `tensor`'s op, if any.
    func scope(of tensor: Tensor) -> String? { claimed[ObjectIdentifier(tensor)]?.scope }

    /// Claims for `scope` every unclaimed result between the call's inputs and its output. The
    /// walk goes through results inner calls claimed (a block's output usually comes from a
    /// child) and stops only at the call's inputs.
    func claim(from output: Tensor, stoppingAt inputs: [Tensor], scope: String) {
        let boundary = Set(inputs.map(ObjectIdentifier.init))
        var visited: Set<ObjectIdentifier> = []
        var stack = [output]
        while let tensor = stack.popLast() {
            let key = ObjectIdentifier(tensor)
            guard let node = tensor.gradFn, !boundary.contains(key), visited.insert(key).inserted else { continue }
            if claimed[key] == nil { claimed[key] = (tensor, scope) }
            stack += node.inputs
        }
    }
}
