import LumenTensor

/// Batch normalization over the channels of `[N, C, H, W]` inputs, as `torch.nn.BatchNorm2d`.
///
/// In training mode each batch is normalized with its own mean and biased variance, and the
/// running statistics move toward the batch's mean and unbiased variance by `momentum` (or, with
/// `momentum: nil`, become the cumulative average); in evaluation mode the running statistics
/// normalize. `weight` (ones) and `bias` (zeros) are parameters; `runningMean`, `runningVar`
/// and `numBatchesTracked` are buffers.
///
/// ### Example
/// ```swift
/// let bn = BatchNorm2d(16)
/// let y = bn(Tensor.randn([8, 16, 32, 32]))   // per-channel mean ≈ 0, variance ≈ 1
/// bn.eval()                                    // now uses runningMean and runningVar
/// ```
public final class BatchNorm2d: Module {
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
    ///
    /// ```swift
    /// let bn = BatchNorm2d(64, momentum: 0.01, affine: false)
    /// ```
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

    public override var extraDescription: String {
        "\(numFeatures), eps=\(PythonLiteral.float(eps)), momentum=\(momentum.map(PythonLiteral.float) ?? "None"), "
            + "affine=\(PythonLiteral.bool(weight != nil)), bias=\(PythonLiteral.bool(bias != nil)), track_running_stats=\(PythonLiteral.bool(runningMean != nil))"
    }

    public override func forward(_ input: Tensor) -> Tensor {
        precondition(input.rank == 4, "BatchNorm2d: expected 4D input (got \(input.rank)D input)")
        precondition(input.shape[1] == numFeatures,
                     "BatchNorm2d: running_mean should contain \(input.shape[1]) elements not \(numFeatures)")
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
