import LumenNN

/// Grad-CAM++ (Chattopadhay et al. 2018, eq. 19): channel weights Σ relu(g)·α with
/// α = g² / (2g² + Σ A · g³ + 1e-6) where the gradient g is non-zero, as pytorch-grad-cam's
/// `GradCAMPlusPlus`.
///
/// ### Example
/// ```swift
/// let maps = try GradCAMPlusPlus(model: model, targetLayers: ["layer4"])(x)
/// ```
public final class GradCAMPlusPlus: BaseCAM {
    /// A Grad-CAM++ of `model` at `targetLayers`; puts the model in evaluation mode.
    ///
    /// ```swift
    /// let cam = try GradCAMPlusPlus(model: model, targetLayers: ["layer4"])
    /// ```
    public init(model: Module, targetLayers: [String]) throws {
        try super.init(model: model, targetLayers: targetLayers, usesGradients: true, rule: .channelWeights { layer in
            let activationSums = layer.activationSums()
            return try layer.channelSums { _, g, plane in
                guard g != 0 else { return 0 }
                let g2 = g * g, g3 = g2 * g
                return Swift.max(g, 0) * (g2 / (2 * g2 + activationSums[plane] * g3 + 0.000001))
            }
        })
    }
}
