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
            let divisors = layer.activationSums().map { $0 + 1e-7 }
            return try layer.channelSums { activation, gradient, plane in gradient * activation / divisors[plane] }
        })
    }
}
