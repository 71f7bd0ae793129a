import LumenTensor

/// Batch normalization over dimension 1 (the channels or features), the shared part of
/// ``BatchNorm1d`` and ``BatchNorm2d``, as torch's `_BatchNorm`.
///
/// In training mode each batch is normalized with its own mean and biased variance, and the
/// running statistics move toward the batch's mean and unbiased variance by `momentum` (or, with
/// `momentum: nil`, become the cumulative average); in evaluation mode the running statistics
/// normalize. `weight` (ones) and `bias` (zeros) are parameters; `runningMean`, `runningVar`
/// and `numBatchesTracked` are buffers (`running_mean`, … in a state dict).
open class BatchNorm: Module {
    /// The scale per channel, `nil` without `affine`.
    public let weight: Tensor?
    /// The shift per channel, `nil` without `affine`.
    public let bias: Tensor?
    /// The running mean per channel, `nil` without `trackRunningStats`.
    public let runningMean: Tensor?
    /// The running (unbiased) variance per channel, `nil` without `trackRunningStats`.
    public let runningVar: Tensor?
    /// How many training batches updated the running statistics.
    public let numBatchesTracked: Tensor?
    public let numFeatures: Int
    public let eps: Float
    public let momentum: Float?

    /// A batch normalization over `numFeatures` channels.
    public init(_ numFeatures: Int, eps: Float = 1e-5, momentum: Float? = 0.1, affine: Bool = true, trackRunningStats: Bool = true) {
        self.numFeatures = numFeatures
        self.eps = eps
        self.momentum = momentum
        weight = affine ? Tensor.ones([numFeatures], requiresGrad: true) : nil
        bias = affine ? Tensor.zeros([numFeatures], requiresGrad: true) : nil
        runningMean = trackRunningStats ? Tensor.zeros([numFeatures]) : nil
        runningVar = trackRunningStats ? Tensor.ones([numFeatures]) : nil
        numBatchesTracked = trackRunningStats ? Tensor(0) : nil
        super.init()
    }

    /// Stops unless `input` has a rank this layer takes (at least 2: a batch and channels);
    /// subclasses narrow it.
    open func checkInputRank(_ input: Tensor) {
        precondition(input.rank >= 2, "\(typeName): expected at least 2D input (got \(input.rank)D input)")
    }

    public override var extraDescription: String {
        "\(numFeatures), eps=\(PythonLiteral.float(eps)), momentum=\(momentum.map(PythonLiteral.float) ?? "None"), "
            + "affine=\(PythonLiteral.bool(weight != nil)), bias=\(PythonLiteral.bool(bias != nil)), track_running_stats=\(PythonLiteral.bool(runningMean != nil))"
    }

    public override func forward(_ input: Tensor) -> Tensor {
        checkInputRank(input)
        precondition(input.shape[1] == numFeatures,
                     "\(typeName): running_mean should contain \(input.shape[1]) elements not \(numFeatures)")
        var factor: Float = momentum ?? 0
        if isTraining, let numBatchesTracked {
            withNoGrad { numBatchesTracked.assign(numBatchesTracked + 1) }
            if momentum == nil { factor = 1 / numBatchesTracked.item() }
        }
        // Without running statistics a module in evaluation mode still normalizes with the batch's.
        return input.batchNorm(runningMean: runningMean, runningVar: runningVar, weight: weight, bias: bias,
                               training: isTraining || runningMean == nil, momentum: factor, eps: eps)
    }
}

/// Batch normalization of `[N, C]` or `[N, C, L]` inputs over `C`, as `torch.nn.BatchNorm1d`.
///
/// ### Example
/// ```swift
/// let bn = BatchNorm1d(128)
/// let y = bn(Tensor.randn([32, 128]))
/// ```
public final class BatchNorm1d: BatchNorm {
    public override func checkInputRank(_ input: Tensor) {
        precondition(input.rank == 2 || input.rank == 3, "BatchNorm1d: expected 2D or 3D input (got \(input.rank)D input)")
    }
}

/// Batch normalization of `[N, C, H, W]` inputs over the channels, as `torch.nn.BatchNorm2d`.
///
/// ### Example
/// ```swift
/// let bn = BatchNorm2d(16)
/// let y = bn(Tensor.randn([8, 16, 32, 32]))   // per-channel mean ≈ 0, variance ≈ 1
/// bn.eval()                                    // now uses runningMean and runningVar
/// ```
public final class BatchNorm2d: BatchNorm {
    public override func checkInputRank(_ input: Tensor) {
        precondition(input.rank == 4, "BatchNorm2d: expected 4D input (got \(input.rank)D input)")
    }
}
