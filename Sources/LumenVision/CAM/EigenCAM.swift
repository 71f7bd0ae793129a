import LumenNN

/// Eigen-CAM (Muhammad & Yeasin 2020): the activations' first principal component, without
/// gradients or targets, as pytorch-grad-cam's `EigenCAM`. The component's sign is arbitrary in
/// an SVD; Lumen takes the one that reaches further above zero than below.
///
/// ### Example
/// ```swift
/// let maps = try EigenCAM(model: model, targetLayers: ["layer4"])(x)
/// ```
public final class EigenCAM: BaseCAM {
    /// An Eigen-CAM of `model` at `targetLayers`; puts the model in evaluation mode.
    ///
    /// ```swift
    /// let cam = try EigenCAM(model: model, targetLayers: ["layer4"])
    /// ```
    public init(model: Module, targetLayers: [String]) throws {
        try super.init(model: model, targetLayers: targetLayers, usesGradients: false, rule: .projection { $0.activations })
    }
}
