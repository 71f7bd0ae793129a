import LumenNN
import LumenTensor

/// Ablation-CAM (Desai & Ramaswamy 2020), as pytorch-grad-cam's `AblationCAM` with its default
/// `ratio_channels_to_ablate = 1.0`: for every channel of the target layer, the layer's output
/// with that channel ablated replaces the real one, and the channel's weight is the relative drop
/// of the explained score, (original − ablated) / original. Ablated inputs go through the model
/// in batches of ``batchSize``.
///
/// Ablation sets the channel to 0 when the layer's output has minimum 0 (after a ReLU, say);
/// otherwise, as the library's `AblationLayer` does, row j of a batch gets the output's running
/// minimum minus 1e7, so each row of the batch sits 1e7 below the previous one.
///
/// ### Example
/// ```swift
/// let maps = try AblationCAM(model: model, targetLayers: ["layer4"])(x, targets: [.category(281)])
/// ```
public final class AblationCAM: BaseCAM {
    /// How many ablated copies go through the model at once (the library's 32 by default).
    ///
    /// ```swift
    /// try AblationCAM(model: model, targetLayers: ["layer4"]).batchSize   // 32
    /// ```
    public let batchSize: Int

    /// An Ablation-CAM of `model` at `targetLayers`; puts the model in evaluation mode.
    ///
    /// ```swift
    /// let cam = try AblationCAM(model: model, targetLayers: ["layer4"], batchSize: 64)
    /// ```
    public init(model: Module, targetLayers: [String], batchSize: Int = 32) throws {
        guard batchSize > 0 else { throw VisionError("AblationCAM: batch size must be positive, got \(batchSize)") }
        self.batchSize = batchSize
        try super.init(model: model, targetLayers: targetLayers, usesGradients: false, rule: .channelWeights { layer in
            try Self.weights(layer, batchSize: batchSize)
        })
    }

    private static func weights(_ layer: CAMLayer, batchSize: Int) throws -> [Float] {
        let shape = layer.input.shape
        let pictureSize = shape[1] * shape[2] * shape[3]
        let (channels, area) = (layer.channels, layer.area)
        let inputValues = layer.input.scalars
        var weights: [Float] = []
        for image in 0..<layer.images {
            let activations = Array(layer.activations[(image * channels * area)..<((image + 1) * channels * area)])
            let picture = Array(inputValues[(image * pictureSize)..<((image + 1) * pictureSize)])
            let lowest = activations.min() ?? 0
            var scores: [Float] = []
            for start in stride(from: 0, to: channels, by: batchSize) {
                let count = min(batchSize, channels - start)
                var ablated = [Float](repeating: 0, count: count * channels * area)
                var running = lowest
                for j in 0..<count {
                    ablated.replaceSubrange((j * channels * area)..<((j + 1) * channels * area), with: activations)
                    if lowest != 0 { running -= 1e7 }
                    let plane = (j * channels + start + j) * area
                    for p in 0..<area { ablated[plane + p] = lowest == 0 ? 0 : running }
                }
                let replacement = Tensor(ablated, shape: [count, channels, layer.height, layer.width])
                let handle = layer.module.registerForwardHook { (_: Module, _: [Tensor], _: Tensor) -> Tensor? in replacement }
                defer { handle.remove() }
                let batch = Tensor(Array([[Float]](repeating: picture, count: count).joined()), shape: [count] + shape.dropFirst())
                let outputs = withNoGrad { layer.model(batch) }
                for row in 0..<count {
                    scores.append(layer.targets[image].score(outputs.select(dim: 0, index: row)).item())
                }
            }
            let original = layer.scores[image]
            weights += scores.map { (original - $0) / original }
        }
        return weights
    }
}
