extension Tensor {
    /// Computes the gradient of this tensor with respect to every leaf that requires grad, and
    /// adds it to their ``grad``.
    ///
    /// Runs each tensor's hooks as the gradient reaches it (a hook's result replaces the
    /// gradient), accumulates into leaves, then runs post-accumulate hooks. Without
    /// `retainGraph` the saved tensors are freed, and a second backward through them throws
    /// ``AutogradError/graphFreed``. Errors are thrown rather than trapped so a training loop
    /// can report them; the messages are PyTorch's.
    ///
    /// ```swift
    /// let x = Tensor([1, 2, 3], requiresGrad: true)
    /// try (x * x).sum().backward()
    /// print(x.grad!)   // tensor([2., 4., 6.])
    /// ```
    public func backward(gradient: Tensor? = nil, retainGraph: Bool = false) throws(AutogradError) {
        guard requiresGrad else { throw .doesNotRequireGrad }
        let seed: Tensor
        if let gradient {
            guard gradient.shape == shape else { throw .gradientShapeMismatch(expected: shape, got: gradient.shape) }
            seed = gradient.detach()
        } else {
            guard count == 1 else { throw .nonScalarOutput }
            seed = Tensor(storage: [1], shape: shape)
        }
        let outcome = GradMode.$isEnabled.withValue(false) {
            Result { () throws(AutogradError) in try Self.runBackward(from: self, seed: seed, retainGraph: retainGraph) }
        }
        try outcome.get()
    }

    /// The engine at tensor granularity, in torch's order: a tensor is ready once every
    /// gradient flowing into it has arrived; among ready tensors, leaves go first (torch's
    /// `AccumulateGrad` nodes), then the output of the node created last (the highest sequence
    /// number), ties in the order they became ready. So hooks fire in torch's order too.
    private static func runBackward(from root: Tensor, seed: Tensor, retainGraph: Bool) throws(AutogradError) {
        var waiting = incomingEdgeCounts(from: root)
        var pending: [ObjectIdentifier: Tensor] = [ObjectIdentifier(root): seed]
        var ready = ReadyTensors()
        ready.push(root)
        while let tensor = ready.pop() {
            let node = tensor.gradFn
            var inputGrads: [Tensor?] = Array(repeating: nil, count: node?.inputs.count ?? 0)
            if var grad = pending.removeValue(forKey: ObjectIdentifier(tensor)) {
                for hook in tensor.gradientHooks?.hooks ?? [] {
                    guard let replaced = hook(grad) else { continue }
                    precondition(replaced.shape == grad.shape,
                                 "hook has changed the size of value: expected \(grad.shape), got \(replaced.shape)")
                    grad = replaced.detach()
                }
                guard let node else {
                    tensor.accumulate(grad)
                    for hook in tensor.postAccumulateGradHooks?.hooks ?? [] { hook(tensor) }
                    continue
                }
                if tensor.retainsGrad { tensor.accumulate(grad) }
                inputGrads = node.runHooks(gradInputs: try node.apply(grad), gradOutput: grad)
                if !retainGraph { node.release() }
            }
            // Every edge resolves, with a gradient or without, so inputs become ready either way.
            for (input, inputGrad) in zip(node?.inputs ?? [], inputGrads) where input.requiresGrad {
                let key = ObjectIdentifier(input)
                if let inputGrad {
                    precondition(inputGrad.shape == input.shape,
                                 "\(node!.name) returned a gradient of shape \(inputGrad.shape) for an input of shape \(input.shape)")
                    pending[key] = pending[key].map { $0 + inputGrad } ?? inputGrad
                }
                waiting[key, default: 1] -= 1
                if waiting[key] == 0 { ready.push(input) }
            }
        }
    }

    /// For each tensor reachable from `root` through tensors that require grad, the number of
    /// edges from nodes that read it (an input read twice counts twice).
    private static func incomingEdgeCounts(from root: Tensor) -> [ObjectIdentifier: Int] {
        var counts: [ObjectIdentifier: Int] = [:]
        var visited: Set<ObjectIdentifier> = [ObjectIdentifier(root)]
        // Iterative: deep graphs must not overflow the stack.
        var stack = [root]
        while let tensor = stack.popLast() {
            for input in tensor.gradFn?.inputs ?? [] where input.requiresGrad {
                counts[ObjectIdentifier(input), default: 0] += 1
                if visited.insert(ObjectIdentifier(input)).inserted { stack.append(input) }
            }
        }
        return counts
    }

    private func accumulate(_ incoming: Tensor) {
        grad = grad.map { $0 + incoming } ?? incoming.detach()
    }
}
