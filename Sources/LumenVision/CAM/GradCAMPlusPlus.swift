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
            let gradients = try layer.requireGradients()
            let activationSums = layer.activationSums()
            let area = layer.area
            var weights = [Float](repeating: 0, count: activationSums.count)
            for plane in weights.indices {
                var sum: Float = 0
                for p in 0..<area {
                    let g = gradients[plane * area + p]
                    guard g != 0 else { continue }
                    let g2 = g * g, g3 = g2 * g
                    let alpha = g2 / (2 * g2 + activationSums[plane] * g3 + 0.000001)
                    sum += Swift.max(g, 0) * alpha
                }
                weights[plane] = sum
            }
            return weights
        })
    }
}
