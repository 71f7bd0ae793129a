import LumenNN

/// XGrad-CAM (Fu et al. 2020): channel weights Σ g·A / (Σ A + 1e-7), as pytorch-grad-cam's
/// `XGradCAM`.
///
/// ### Example
/// ```swift
/// let maps = try XGradCAM(model: model, targetLayers: ["layer4"])(x)
/// ```
public final class XGradCAM: BaseCAM {
    /// An XGrad-CAM of `model` at `targetLayers`; puts the model in evaluation mode.
    ///
    /// ```swift
    /// let cam = try XGradCAM(model: model, targetLayers: ["layer4"])
    /// ```
    public init(model: Module, targetLayers: [String]) throws {
        try super.init(model: model, targetLayers: targetLayers, usesGradients: true, rule: .channelWeights { layer in
            let gradients = try layer.requireGradients()
            let activationSums = layer.activationSums()
            let area = layer.area
            return activationSums.indices.map { plane in
                let divisor = activationSums[plane] + 1e-7
                var sum: Float = 0
                for p in 0..<area {
                    let i = plane * area + p
                    sum += gradients[i] * layer.activations[i] / divisor
                }
                return sum
            }
        })
    }
}
