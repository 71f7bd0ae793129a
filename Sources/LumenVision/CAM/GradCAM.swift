import LumenNN

/// Grad-CAM (Selvaraju et al. 2017): each channel weighed by the spatial mean of the explained
/// score's gradient, as pytorch-grad-cam's `GradCAM`.
///
/// ### Example
/// ```swift
/// let cam = try GradCAM(model: model, targetLayers: ["layer4"])
/// let maps = try cam(x, targets: [.category(281)])
/// ```
public final class GradCAM: BaseCAM {
    /// A Grad-CAM of `model` at the modules named by `targetLayers`; puts the model in
    /// evaluation mode. Throws when a path names no module.
    ///
    /// ```swift
    /// let cam = try GradCAM(model: resnet, targetLayers: ["layer4.1.conv2"])
    /// ```
    public init(model: Module, targetLayers: [String]) throws {
        try super.init(model: model, targetLayers: targetLayers, usesGradients: true, rule: .channelWeights { layer in
            let area = Float(layer.area)
            return try layer.channelSums { _, gradient, _ in gradient }.map { $0 / area }
        })
    }
}
