import CLumenKernels
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
        let statistics = training ? batchStatistics(channels: c, outer: outer, inner: inner) : nil
        if let statistics {
            for ch in 0..<c {
                if let runningMean { runningMean.storage[ch] = (1 - momentum) * runningMean.storage[ch] + momentum * statistics.mean[ch] }
                if let runningVar {
                    runningVar.storage[ch] = (1 - momentum) * runningVar.storage[ch] + momentum * statistics.squares[ch] / Float(perChannel - 1)
                }
            }
        }
        let mean = statistics?.mean ?? runningMean!.storage
        let variance: [Float] = statistics?.squares.map { $0 / Float(perChannel) } ?? runningVar!.storage
        let invStd: [Float] = variance.map { 1 / ($0 + eps).squareRoot() }
        let gamma = weight?.storage ?? [Float](repeating: 1, count: c), beta = bias?.storage ?? [Float](repeating: 0, count: c)
        var normalized = [Float](repeating: 0, count: count), values = [Float](repeating: 0, count: count)
        storage.withUnsafeBufferPointer { x in
            normalized.withUnsafeMutableBufferPointer { xhat in
                values.withUnsafeMutableBufferPointer { y in
                    Parallel.forEachChunk(outer * c, cost: inner * 2) { rows in
                        for row in rows {
                            let ch = row % c, m = mean[ch], s = invStd[ch], g = gamma[ch], b = beta[ch]
                            let base = row &* inner
                            for i in base..<(base &+ inner) {
                                xhat[i] = (x[i] - m) * s
                                y[i] = xhat[i] * g + b
                            }
                        }
                    }
                }
            }
        }
        let inputs = [self] + [weight, bias].compactMap { $0 }
        let inputShape = shape
        return Self.result(values, shape: shape, op: "NativeBatchNormBackward0", inputs: inputs) { grad in
            let sums = Self.channelSums(grad.storage, normalized, channels: c, outer: outer, inner: inner)
            let gx = Kernels.array(grad.count) { gx in
                grad.storage.withUnsafeBufferPointer { g in
                    normalized.withUnsafeBufferPointer { xhat in
                        Parallel.forEachChunk(outer * c, cost: inner * 2) { rows in
                            for row in rows {
                                let ch = row % c, k = gamma[ch] * invStd[ch]
                                let meanG = sums.grad[ch] / Float(perChannel), meanGX = sums.gradTimesNormalized[ch] / Float(perChannel)
                                let base = row &* inner
                                for i in base..<(base &+ inner) {
                                    gx[i] = training ? k * (g[i] - meanG - xhat[i] * meanGX) : k * g[i]
                                }
                            }
                        }
                    }
                }
            }
            let gGamma = sums.gradTimesNormalized, gBeta = sums.grad
            var grads: [Tensor?] = [Tensor(storage: gx, shape: inputShape)]
            if weight != nil { grads.append(Tensor(storage: gGamma, shape: [c])) }
            if bias != nil { grads.append(Tensor(storage: gBeta, shape: [c])) }
            return grads
        }
    }

    /// Per channel: the mean of the values and the sum of squared deviations from it
    /// (accumulated in Double: a channel can hold millions of values).
    private func batchStatistics(channels c: Int, outer: Int, inner: Int) -> (mean: [Float], squares: [Float]) {
        var mean = [Float](repeating: 0, count: c), squares = [Float](repeating: 0, count: c)
        storage.withUnsafeBufferPointer { x in
            mean.withUnsafeMutableBufferPointer { meanOut in
                squares.withUnsafeMutableBufferPointer { squaresOut in
                    Parallel.forEachChunk(c, cost: outer * inner * 2) { channels in
                        lumen_channel_statistics(x.baseAddress, c, outer, inner, channels.lowerBound, channels.upperBound,
                                                 meanOut.baseAddress, squaresOut.baseAddress)
                    }
                }
            }
        }
        return (mean, squares)
    }

    /// Per channel: Σ grad and Σ grad · normalized (eight running sums each).
    private static func channelSums(_ grad: [Float], _ normalized: [Float], channels c: Int, outer: Int, inner: Int)
        -> (grad: [Float], gradTimesNormalized: [Float]) {
        var sumG = [Float](repeating: 0, count: c), sumGX = [Float](repeating: 0, count: c)
        grad.withUnsafeBufferPointer { g in
            normalized.withUnsafeBufferPointer { xhat in
                sumG.withUnsafeMutableBufferPointer { sg in
                    sumGX.withUnsafeMutableBufferPointer { sgx in
                        Parallel.forEachChunk(c, cost: outer * inner * 2) { channels in
                            lumen_channel_gradient_sums(g.baseAddress, xhat.baseAddress, c, outer, inner,
                                                        channels.lowerBound, channels.upperBound, sg.baseAddress, sgx.baseAddress)
                        }
                    }
                }
            }
        }
        return (sumG, sumGX)
    }
}
