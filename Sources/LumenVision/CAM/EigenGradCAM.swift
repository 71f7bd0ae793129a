import LumenNN

/// Eigen-Grad-CAM: the first principal component of gradient × activation, as pytorch-grad-cam's
/// `EigenGradCAM` (sign as ``EigenCAM``).
///
/// ### Example
/// ```swift
/// let maps = try EigenGradCAM(model: model, targetLayers: ["layer4"])(x, targets: [.category(281)])
/// ```
public final class EigenGradCAM: BaseCAM {
    /// An Eigen-Grad-CAM of `model` at `targetLayers`; puts the model in evaluation mode.
    ///
    /// ```swift
    /// let cam = try EigenGradCAM(model: model, targetLayers: ["layer4"])
    /// ```
    public init(model: Module, targetLayers: [String]) throws {
        try super.init(model: model, targetLayers: targetLayers, usesGradients: true, rule: .projection { layer in
            try layer.elementwise { activation, gradient in gradient * activation }
        })
    }
}
