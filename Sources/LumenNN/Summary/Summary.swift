import LumenTensor

/// Runs `model` once on a random batch of `inputSize` and summarizes what its modules did, as
/// `torchsummary.summary(model, input_size, batch_size)` does; the result prints torchsummary's
/// table, and ``ModelSummary/detailed(depth:columns:)`` gives torchinfo's.
///
/// The forward pass leaves no trace on the model:
/// - it runs in evaluation mode without gradients (as torchinfo does; torchsummary runs in the
///   model's own mode), so BatchNorm's running statistics and batch counts stay as they were
///   and Dropout drops nothing; afterwards every module is back in its own mode (torchinfo
///   gives every module the model's mode);
/// - the input comes from a generator of its own, so the default generator's sequence is
///   untouched;
/// - the hooks it adds are removed before it returns; the model's own hooks run as usual.
///
/// The batch has `batchSize` samples, or one when `batchSize` is -1 (torchsummary runs two, for
/// BatchNorm in training mode); the table shows the batch as `batchSize`. As in torchsummary,
/// the first dimension of every output is taken to be the batch, and a model whose forward
/// differs between modes is summarized as it runs in evaluation mode.
///
/// ```swift
/// let report = summary(ResNet.resnet18(), inputSize: [3, 224, 224])
/// print(report)                        // torchsummary's table
/// report.totalParams                   // 11_689_512
/// print(report.detailed(depth: 2))     // torchinfo's tree
/// ```
public func summary(_ model: Module, inputSize: [Int], batchSize: Int = -1) -> ModelSummary {
    precondition(!inputSize.isEmpty && inputSize.allSatisfy { $0 > 0 }, "summary: input size must be positive sizes, got \(inputSize)")
    precondition(batchSize == -1 || batchSize > 0, "summary: batch size must be -1 or positive, got \(batchSize)")
    let batch = max(batchSize, 1)
    let recorder = SummaryRecorder(model: model)
    defer { recorder.removeHooks() }
    let input = Tensor.rand([batch] + inputSize, generator: Generator(seed: 0))
    model.inEvaluationMode { withNoGrad { _ = model(input) } }
    return ModelSummary(model: model, recorder: recorder, inputSize: inputSize, batchSize: batchSize, ranBatch: batch)
}
