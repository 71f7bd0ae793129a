extension Tensor {
    /// Batch normalization over every dimension but the channel dimension 1, as
    /// `torch.nn.functional.batch_norm`.
    ///
    /// In training the batch's mean and biased variance normalize, and the running statistics
    /// (when given) move by `momentum` toward the batch's mean and unbiased variance; in
    /// evaluation the running statistics normalize.
    ///
    /// ```swift
    /// let y = x.batchNorm(runningMean: mean, runningVar: variance, weight: gamma, bias: beta, training: true)
    /// ```
    public func batchNorm(
        runningMean: Tensor?, runningVar: Tensor?, weight: Tensor? = nil, bias: Tensor? = nil,
        training: Bool, momentum: Float = 0.1, eps: Float = 1e-5
    ) -> Tensor {
        precondition(rank >= 2, "batch_norm: expected at least 2-D input, got shape \(shape)")
        let c = shape[1], inner = shape[2...].reduce(1, *), outer = shape[0]
        let perChannel = outer * inner
        for (name, t) in [("running_mean", runningMean), ("running_var", runningVar), ("weight", weight), ("bias", bias)] {
            if let t { precondition(t.shape == [c], "batch_norm: \(name) should contain \(c) elements not \(t.count)") }
        }
        precondition(training || (runningMean != nil && runningVar != nil), "batch_norm: running_mean and running_var must be defined in evaluation mode")
        precondition(!training || perChannel > 1, "Expected more than 1 value per channel when training, got input size \(shape)")
        var mean = [Float](repeating: 0, count: c), invStd = [Float](repeating: 0, count: c)
        if training {
            for ch in 0..<c {
                var total: Double = 0
                for o in 0..<outer { for i in 0..<inner { total += Double(storage[(o * c + ch) * inner + i]) } }
                let m = total / Double(perChannel)
                var squares: Double = 0
                for o in 0..<outer { for i in 0..<inner { let d = Double(storage[(o * c + ch) * inner + i]) - m; squares += d * d } }
                mean[ch] = Float(m)
                invStd[ch] = Float(1 / (squares / Double(perChannel) + Double(eps)).squareRoot())
                if let runningMean { runningMean.storage[ch] = (1 - momentum) * runningMean.storage[ch] + momentum * Float(m) }
                if let runningVar {
                    runningVar.storage[ch] = (1 - momentum) * runningVar.storage[ch] + momentum * Float(squares / Double(perChannel - 1))
                }
            }
        } else {
            mean = runningMean!.storage
            invStd = runningVar!.storage.map { 1 / ($0 + eps).squareRoot() }
        }
        let gamma = weight?.storage ?? [Float](repeating: 1, count: c), beta = bias?.storage ?? [Float](repeating: 0, count: c)
        var normalized = [Float](repeating: 0, count: count), values = [Float](repeating: 0, count: count)
        for o in 0..<outer {
            for ch in 0..<c {
                for i in 0..<inner {
                    let j = (o * c + ch) * inner + i
                    normalized[j] = (storage[j] - mean[ch]) * invStd[ch]
                    values[j] = normalized[j] * gamma[ch] + beta[ch]
                }
            }
        }
        let inputs = [self] + [weight, bias].compactMap { $0 }
        let inputShape = shape
        return Self.result(values, shape: shape, op: "NativeBatchNormBackward0", inputs: inputs) { grad in
            var gx = [Float](repeating: 0, count: grad.count)
            var gGamma = [Float](repeating: 0, count: c), gBeta = [Float](repeating: 0, count: c)
            for ch in 0..<c {
                var sumG: Float = 0, sumGX: Float = 0
                for o in 0..<outer {
                    for i in 0..<inner {
                        let j = (o * c + ch) * inner + i
                        sumG += grad.storage[j]
                        sumGX += grad.storage[j] * normalized[j]
                    }
                }
                gGamma[ch] = sumGX
                gBeta[ch] = sumG
                let k = gamma[ch] * invStd[ch]
                for o in 0..<outer {
                    for i in 0..<inner {
                        let j = (o * c + ch) * inner + i
                        gx[j] = training
                            ? k * (grad.storage[j] - sumG / Float(perChannel) - normalized[j] * sumGX / Float(perChannel))
                            : k * grad.storage[j]
                    }
                }
            }
            var grads: [Tensor?] = [Tensor(storage: gx, shape: inputShape)]
            if weight != nil { grads.append(Tensor(storage: gGamma, shape: [c])) }
            if bias != nil { grads.append(Tensor(storage: gBeta, shape: [c])) }
            return grads
        }
    }
}
