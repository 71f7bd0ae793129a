extension Tensor {
    /// Records an op computed outside LumenTensor in the autograd graph, as a
    /// `torch.autograd.Function`: the result holds `output`'s values, and `backward` maps its
    /// gradient to one gradient per input (`nil` for none), running under ``withNoGrad(_:)``.
    ///
    /// ```swift
    /// // An identity whose backward sees the gradient flowing through, as module hooks need.
    /// let y = Tensor.function("BackwardHookFunctionBackward", inputs: [x], output: x) { grad in
    ///     print(grad)
    ///     return [grad]
    /// }
    /// ```
    public static func function(
        _ name: String, inputs: [Tensor], output: Tensor, backward: @escaping (_ grad: Tensor) -> [Tensor?]
    ) -> Tensor {
        result(output.storage, shape: output.shape, op: name, inputs: inputs) { grad in
            let grads = backward(grad)
            precondition(grads.count == inputs.count,
                         "function \(name) returned an incorrect number of gradients (expected \(inputs.count), got \(grads.count))")
            return grads
        }
    }

    /// Replaces this tensor's values in place, keeping its identity, `grad` and hooks, as
    /// torch's `with torch.no_grad(): t.copy_(values)` (what an optimizer step does).
    ///
    /// ```swift
    /// withNoGrad { w.assign(w - w.grad! * 0.1) }
    /// ```
    public func assign(_ values: Tensor) {
        precondition(values.shape == shape, "assign: shapes \(values.shape) and \(shape) differ")
        precondition(!(GradMode.isEnabled && requiresGrad && isLeaf),
                     "a leaf Variable that requires grad is being used in an in-place operation.")
        storage = values.storage
    }
}
