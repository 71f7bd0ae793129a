import LumenTensor

extension Tensor {
    /// One step of `torch.optim.SGD` on this parameter, in place and in one pass over memory:
    ///
    /// ```
    /// g = grad + weightDecay · p
    /// b = g (first step: `momentumBuffer` nil), else momentum · b + (1 − dampening) · g
    /// g = nesterov ? g + momentum · b : b          (when momentum ≠ 0)
    /// p = p − lr · g
    /// ```
    ///
    /// Each element is rounded as the same formula written with tensor ops would round it.
    /// Returns the momentum buffer (updated in place, or new on the first step), or `nil`
    /// without momentum. Like `assign(_:)`, it must run under `withNoGrad` for a leaf that
    /// requires grad.
    ///
    /// ```swift
    /// withNoGrad { buffer = w.sgdUpdate(gradient: w.grad!, momentumBuffer: buffer, lr: 0.01, momentum: 0.9) }
    /// ```
    func sgdUpdate(
        gradient: Tensor, momentumBuffer: Tensor?, lr: Float, momentum: Float = 0, dampening: Float = 0,
        weightDecay: Float = 0, nesterov: Bool = false
    ) -> Tensor? {
        precondition(gradient.shape == shape, "sgdUpdate: gradient of shape \(gradient.shape) for a parameter of shape \(shape)")
        if let momentumBuffer {
            precondition(momentumBuffer.shape == shape, "sgdUpdate: momentum buffer of shape \(momentumBuffer.shape) for a parameter of shape \(shape)")
        }
        let first = momentumBuffer == nil
        let buffer = momentum == 0 ? nil : momentumBuffer ?? Tensor.zeros(shape)
        let keep = 1 - dampening, n = count
        func update(momentumValues b: UnsafeMutablePointer<Float>?) {
            gradient.withUnsafeScalars { g in
                withUnsafeMutableScalars { p in
                    let g = g.baseAddress, p = p.baseAddress
                    Parallel.forEachChunk(n, cost: 4) { range in
                        for i in range {
                            var d = g.unsafelyUnwrapped[i]
                            if weightDecay != 0 { d = d + p.unsafelyUnwrapped[i] * weightDecay }
                            if momentum != 0 {
                                let updated = first ? d : b.unsafelyUnwrapped[i] * momentum + d * keep
                                b.unsafelyUnwrapped[i] = updated
                                d = nesterov ? d + updated * momentum : updated
                            }
                            p.unsafelyUnwrapped[i] = p.unsafelyUnwrapped[i] - d * lr
                        }
                    }
                }
            }
        }
        if let buffer {
            buffer.withUnsafeMutableScalars { update(momentumValues: $0.baseAddress) }
        } else {
            update(momentumValues: nil)
        }
        return buffer
    }
}
