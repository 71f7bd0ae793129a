import LumenNN
import LumenTensor

/// CAM (Zhou et al. 2016) for models that end in convolution → global average pooling → linear:
/// each channel of the last feature maps weighed by the classifier's weight for the explained
/// class. Maps then go through the same ReLU, resizing and scaling as every method.
///
/// Throws when the model is not of that shape: the classifier's input features must number the
/// layer's channels, and its input must be the spatial mean of the layer's output.
///
/// ### Example
/// ```swift
/// let cam = try CAM(model: resnet, targetLayers: ["layer4"])   // finds resnet.fc
/// let maps = try cam(x, targets: [.category(281)])
/// ```
public final class CAM: BaseCAM {
    /// The final linear layer whose weights weigh the channels.
    ///
    /// ```swift
    /// try CAM(model: resnet, targetLayers: ["layer4"]).classifier === resnet.fc   // true
    /// ```
    public let classifier: Linear

    /// A CAM of `model` at `targetLayers`, weighed by `classifier` (by default the model's last
    /// `Linear`); puts the model in evaluation mode.
    ///
    /// ```swift
    /// let cam = try CAM(model: net, targetLayers: ["features"], classifier: net.fc)
    /// ```
    public init(model: Module, targetLayers: [String], classifier: Linear? = nil) throws {
        guard let linear = classifier ?? model.modules().last(where: { $0 is Linear }) as? Linear else {
            throw VisionError("CAM: \(model.typeName) has no Linear layer; CAM needs convolution → global average pooling → linear")
        }
        self.classifier = linear
        try super.init(model: model, targetLayers: targetLayers, usesGradients: false, rule: .channelWeights { layer in
            try Self.weights(layer, classifier: linear)
        })
    }

    private static func weights(_ layer: CAMLayer, classifier: Linear) throws -> [Float] {
        let channels = layer.channels
        guard classifier.inFeatures == channels else {
            throw VisionError("CAM: layer \"\(layer.name)\" has \(channels) channels but the classifier takes \(classifier.inFeatures) features; CAM needs convolution → global average pooling → linear")
        }
        var seen: Tensor?
        let handle = classifier.registerForwardPreHook { (_: Module, input: [Tensor]) in seen = input[0] }
        _ = withNoGrad { layer.model(layer.input) }
        handle.remove()
        let pooled = layer.activationSums().map { $0 / Float(layer.area) }
        guard let seen, seen.count == pooled.count,
              zip(seen.scalars, pooled).allSatisfy({ abs($0 - $1) <= 1e-4 * (1 + abs($1)) }) else {
            throw VisionError("CAM: the classifier's input is not the global average pool of layer \"\(layer.name)\"; CAM needs convolution → global average pooling → linear")
        }
        let weight = classifier.weight.scalars
        return layer.targets.flatMap { target in
            weight[(target.category * channels)..<((target.category + 1) * channels)]
        }
    }
}
