import Foundation

/// How a loss combines its per-element values, as torch's `reduction` argument.
public enum LossReduction: Sendable {
    /// The per-element losses, unreduced.
    case none
    /// Their mean (torch's default).
    case mean
    /// Their sum.
    case sum
}

extension Tensor {
    /// Applies `reduction` to per-element losses.
    func reduced(_ reduction: LossReduction) -> Tensor {
        switch reduction {
        case .none: self
        case .mean: mean()
        case .sum: sum()
        }
    }

    /// [N, C, d₁, …] scores as [N·d₁·…, C] rows, and what reshapes per-row losses back.
    private func classRows(_ target: Tensor, op: String) -> (rows: Tensor, target: Tensor, outShape: [Int]) {
        precondition(rank >= 2, "\(op): expected input of shape [N, C] or [N, C, d1, ...], got \(shape)")
        let expected = [shape[0]] + Array(shape[2...])
        precondition(target.shape == expected, "\(op): expected target of shape \(expected) for input of shape \(shape), got \(target.shape)")
        if rank == 2 { return (self, target, expected) }
        let order = [0] + Array(2..<rank) + [1]
        return (permute(order).reshape([-1, shape[1]]), target.reshape([-1]), expected)
    }

    /// The negative log-likelihood loss of log-probabilities [N, C] (or [N, C, d₁, …]) for class
    /// indices `target`; targets equal to `ignoreIndex` count for nothing, and `.mean` divides
    /// by the number of the others, as `torch.nn.functional.nll_loss`.
    ///
    /// ```swift
    /// logits.logSoftmax(dim: 1).nllLoss(labels)
    /// ```
    public func nllLoss(_ target: Tensor, ignoreIndex: Int = -100, reduction: LossReduction = .mean) -> Tensor {
        let (rows, flatTarget, outShape) = classRows(target, op: "nll_loss")
        let n = rows.shape[0], c = rows.shape[1]
        let classes = flatTarget.storage.map { Int($0) }
        for t in classes where t != ignoreIndex { precondition(t >= 0 && t < c, "nll_loss: Target \(t) is out of bounds.") }
        let kept = classes.filter { $0 != ignoreIndex }.count
        let losses = (0..<n).map { i in classes[i] == ignoreIndex ? 0 : -rows.storage[i * c + classes[i]] }
        let (values, outputShape): ([Float], [Int]) = switch reduction {
        case .none: (losses, outShape)
        case .sum: ([losses.reduce(0, +)], [])
        case .mean: ([losses.reduce(0, +) / Float(kept)], [])
        }
        let scale: Float = reduction == .mean ? 1 / Float(kept) : 1
        return Self.result(values, shape: outputShape, op: "NllLossBackward0", inputs: [rows]) { grad in
            var g = [Float](repeating: 0, count: n * c)
            for i in 0..<n where classes[i] != ignoreIndex {
                g[i * c + classes[i]] = -(reduction == .none ? grad.storage[i] : grad.storage[0]) * scale
            }
            return [Tensor(storage: g, shape: [n, c])]
        }
    }

    /// The cross-entropy of scores [N, C] (or [N, C, d₁, …]) against class indices, with
    /// optional label smoothing ε: (1 − ε) · NLL + ε / C · Σ_c −log p_c, as
    /// `torch.nn.functional.cross_entropy`.
    ///
    /// ```swift
    /// let loss = logits.crossEntropy(labels, labelSmoothing: 0.1)
    /// ```
    public func crossEntropy(
        _ target: Tensor, ignoreIndex: Int = -100, reduction: LossReduction = .mean, labelSmoothing: Float = 0
    ) -> Tensor {
        precondition(labelSmoothing >= 0 && labelSmoothing <= 1, "label_smoothing must be between 0.0 and 1.0. Got: \(labelSmoothing)")
        let logProbs = logSoftmax(dim: 1)
        let nll = logProbs.nllLoss(target, ignoreIndex: ignoreIndex, reduction: reduction)
        guard labelSmoothing > 0 else { return nll }
        let c = shape[1]
        let keep = target.ne(Float(ignoreIndex)).unsqueeze(dim: 1)
        var smooth = -(logProbs * keep).sum(dim: 1)
        switch reduction {
        case .none: break
        case .sum: smooth = smooth.sum()
        case .mean: smooth = smooth.sum() / keep.sum().item()
        }
        return nll * (1 - labelSmoothing) + smooth * (labelSmoothing / Float(c))
    }

    /// The mean squared error against `target` of the same shape.
    ///
    /// ```swift
    /// prediction.mseLoss(target)
    /// ```
    public func mseLoss(_ target: Tensor, reduction: LossReduction = .mean) -> Tensor {
        precondition(shape == target.shape, "mse_loss: input of shape \(shape) and target of shape \(target.shape) differ")
        let squares = Kernels.zip(storage, target.storage) { ($0 - $1) * ($0 - $1) }
        let perElement = Tensor(storage: squares, shape: shape)
        let out = withNoGrad { perElement.reduced(reduction) }
        let scale: Float = reduction == .mean ? 2 / Float(count) : 2
        let input = self
        return Self.result(out.storage, shape: out.shape, op: "MseLossBackward0", inputs: [self, target]) { grad in
            let g = reduction == .none ? grad : Tensor.full(input.shape, grad.item())
            let d = Tensor(storage: Kernels.zip3(input.storage, target.storage, g.storage) { x, y, g in (x - y) * g * scale }, shape: input.shape)
            return [d, -d]
        }
    }

    /// Binary cross-entropy of logits against targets in [0, 1], computed stably as
    /// max(x, 0) − x·y + log(1 + e^−|x|) (`binary_cross_entropy_with_logits`).
    ///
    /// ```swift
    /// logits.binaryCrossEntropyWithLogits(labels)
    /// ```
    public func binaryCrossEntropyWithLogits(_ target: Tensor, reduction: LossReduction = .mean) -> Tensor {
        precondition(shape == target.shape, "binary_cross_entropy_with_logits: Target size (\(target.shape)) must be the same as input size (\(shape))")
        let losses = Kernels.zip(storage, target.storage) { x, y in
            Swift.max(x, 0) - x * y + Foundation.log1p(Foundation.exp(-Swift.abs(x)))
        }
        let out = withNoGrad { Tensor(storage: losses, shape: shape).reduced(reduction) }
        let scale: Float = reduction == .mean ? 1 / Float(count) : 1
        let input = self
        return Self.result(out.storage, shape: out.shape, op: "BinaryCrossEntropyWithLogitsBackward0", inputs: [self, target]) { grad in
            let g = reduction == .none ? grad : Tensor.full(input.shape, grad.item())
            let gx = Kernels.zip3(input.storage, target.storage, g.storage) { x, y, g in (1 / (1 + Foundation.exp(-x)) - y) * g * scale }
            let gy = Kernels.zip3(input.storage, target.storage, g.storage) { x, _, g in -x * g * scale }
            return [Tensor(storage: gx, shape: input.shape), Tensor(storage: gy, shape: input.shape)]
        }
    }
}
