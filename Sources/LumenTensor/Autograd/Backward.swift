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

    /// micrograd's engine at tensor granularity: order the graph once, then walk it from the
    /// output back, summing the gradients each tensor receives before passing them on.
    private static func runBackward(from root: Tensor, seed: Tensor, retainGraph: Bool) throws(AutogradError) {
        var pending: [ObjectIdentifier: Tensor] = [ObjectIdentifier(root): seed]
        for tensor in topologicalOrder(from: root).reversed() {
            guard var grad = pending.removeValue(forKey: ObjectIdentifier(tensor)) else { continue }
            for (_, hook) in tensor.hooks {
                guard let replaced = hook(grad) else { continue }
                precondition(replaced.shape == grad.shape,
                             "hook has changed the size of value: expected \(grad.shape), got \(replaced.shape)")
                grad = replaced.detach()
            }
            guard let node = tensor.gradFn else {
                tensor.accumulate(grad)
                for (_, hook) in tensor.postAccumulateGradHooks { hook(tensor) }
                continue
            }
            if tensor.retainsGrad { tensor.accumulate(grad) }
            let inputGrads = node.runHooks(gradInputs: try node.apply(grad), gradOutput: grad)
            if !retainGraph { node.release() }
            for (input, inputGrad) in zip(node.inputs, inputGrads) {
                guard input.requiresGrad, let inputGrad else { continue }
                precondition(inputGrad.shape == input.shape,
                             "\(node.name) returned a gradient of shape \(inputGrad.shape) for an input of shape \(input.shape)")
                let key = ObjectIdentifier(input)
                pending[key] = pending[key].map { $0 + inputGrad } ?? inputGrad
            }
        }
    }

    /// Tensors reachable from `root` through tensors that require grad, inputs before users.
    private static func topologicalOrder(from root: Tensor) -> [Tensor] {
        var order: [Tensor] = []
        var visited: Set<ObjectIdentifier> = []
        // Iterative depth-first search: deep graphs must not overflow the stack.
        var stack: [(tensor: Tensor, expanded: Bool)] = [(root, false)]
        while let (tensor, expanded) = stack.popLast() {
            if expanded { order.append(tensor); continue }
            guard visited.insert(ObjectIdentifier(tensor)).inserted else { continue }
            stack.append((tensor, true))
            for input in tensor.gradFn?.inputs ?? [] where input.requiresGrad && !visited.contains(ObjectIdentifier(input)) {
                stack.append((input, false))
            }
        }
        return order
    }

    private func accumulate(_ incoming: Tensor) {
        grad = grad.map { $0 + incoming } ?? incoming.detach()
    }
}
