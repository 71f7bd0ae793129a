import Foundation
import LumenNN
import LumenTensor

/// Score-CAM (Wang et al. 2020), as pytorch-grad-cam's `ScoreCAM`: each channel of the target
/// layer, upsampled to the input's size (bilinear, corners aligned) and scaled to 0…1, masks the
/// input; the model scores each masked input (in batches of ``batchSize``), and the channel
/// weights are the soft-max of those scores over channels. One forward pass per channel.
///
/// ### Example
/// ```swift
/// let maps = try ScoreCAM(model: model, targetLayers: ["layer4"], batchSize: 32)(x)
/// ```
public final class ScoreCAM: BaseCAM {
    /// How many masked inputs go through the model at once (the library's 16 by default).
    ///
    /// ```swift
    /// try ScoreCAM(model: model, targetLayers: ["layer4"]).batchSize   // 16
    /// ```
    public let batchSize: Int

    /// A Score-CAM of `model` at `targetLayers`; puts the model in evaluation mode.
    ///
    /// ```swift
    /// let cam = try ScoreCAM(model: model, targetLayers: ["features"])
    /// ```
    public init(model: Module, targetLayers: [String], batchSize: Int = 16) throws {
        guard batchSize > 0 else { throw VisionError("ScoreCAM: batch size must be positive, got \(batchSize)") }
        self.batchSize = batchSize
        try super.init(model: model, targetLayers: targetLayers, usesGradients: false, rule: .channelWeights { layer in
            try Self.weights(layer, batchSize: batchSize)
        })
    }

    private static func weights(_ layer: CAMLayer, batchSize: Int) throws -> [Float] {
        let shape = layer.input.shape
        let (inChannels, height, width) = (shape[1], shape[2], shape[3])
        let (channels, area, size) = (layer.channels, layer.area, height * width)
        let inputValues = layer.input.scalars
        var weights: [Float] = []
        for image in 0..<layer.images {
            let activations = Array(layer.activations[(image * channels * area)..<((image + 1) * channels * area)])
            let upsampled = withNoGrad {
                Tensor(activations, shape: [1, channels, layer.height, layer.width])
                    .interpolate(size: Pair(height, width), mode: .bilinear, alignCorners: true)
            }
            let masks = normalizedPerChannel(upsampled.scalars, channels: channels, size: size)
            let picture = inputValues[(image * inChannels * size)..<((image + 1) * inChannels * size)]
            var scores: [Float] = []
            for start in stride(from: 0, to: channels, by: batchSize) {
                let count = min(batchSize, channels - start)
                var batch = [Float](repeating: 0, count: count * inChannels * size)
                batch.withUnsafeMutableBufferPointer { batch in
                    masks.withUnsafeBufferPointer { masks in
                        picture.withUnsafeBufferPointer { picture in
                            for j in 0..<count {
                                let mask = (start &+ j) &* size
                                for c in 0..<inChannels {
                                    let target = (j &* inChannels &+ c) &* size, source = c &* size
                                    for p in 0..<size { batch[target &+ p] = picture[source &+ p] * masks[mask &+ p] }
                                }
                            }
                        }
                    }
                }
                let outputs = withNoGrad { layer.model(Tensor(batch, shape: [count, inChannels, height, width])) }
                try CAMTarget.validate(Array(repeating: layer.targets[image], count: count), outputShape: outputs.shape)
                for row in 0..<count {
                    scores.append(layer.targets[image].score(outputs.select(dim: 0, index: row)).item())
                }
            }
            weights += softmax(scores)
        }
        return weights
    }

    /// Each channel's plane minus its minimum, over (maximum − minimum + 1e-8).
    private static func normalizedPerChannel(_ values: [Float], channels: Int, size: Int) -> [Float] {
        var result = values
        for c in 0..<channels {
            let plane = values[(c * size)..<((c + 1) * size)]
            let low = plane.min() ?? 0, high = plane.max() ?? 0
            let range = high - low + 1e-8
            for p in 0..<size { result[c * size + p] = (values[c * size + p] - low) / range }
        }
        return result
    }

    private static func softmax(_ scores: [Float]) -> [Float] {
        let top = scores.max() ?? 0
        let exponentials = scores.map { Foundation.exp($0 - top) }
        let sum = exponentials.reduce(0, +)
        return exponentials.map { $0 / sum }
    }
}
