import LumenNN

/// LayerCAM (Jiang et al. 2021): relu(gradient) × activation at every position, summed over
/// channels, as pytorch-grad-cam's `LayerCAM`.
///
/// ### Example
/// ```swift
/// let maps = try LayerCAM(model: model, targetLayers: ["layer3", "layer4"])(x)
/// ```
public final class LayerCAM: BaseCAM {
    /// A LayerCAM of `model` at `targetLayers`; puts the model in evaluation mode.
    ///
    /// ```swift
    /// let cam = try LayerCAM(model: model, targetLayers: ["layer4"])
    /// ```
    public init(model: Module, targetLayers: [String]) throws {
        try super.init(model: model, targetLayers: targetLayers, usesGradients: true, rule: .elementWeights { layer in
            try layer.elementwise { activation, gradient in Swift.max(gradient, 0) * activation }
        })
    }
}
