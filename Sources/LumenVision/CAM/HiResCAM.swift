import LumenNN

/// HiResCAM (Draelos & Carin 2020): the gradient times the activation at every position, summed
/// over channels, as pytorch-grad-cam's `HiResCAM`.
///
/// ### Example
/// ```swift
/// let maps = try HiResCAM(model: model, targetLayers: ["layer4"])(x)
/// ```
public final class HiResCAM: BaseCAM {
    /// A HiResCAM of `model` at `targetLayers`; puts the model in evaluation mode.
    ///
    /// ```swift
    /// let cam = try HiResCAM(model: model, targetLayers: ["layer4"])
    /// ```
    public init(model: Module, targetLayers: [String]) throws {
        try super.init(model: model, targetLayers: targetLayers, usesGradients: true, rule: .elementWeights { layer in
            try layer.elementwise { activation, gradient in gradient * activation }
        })
    }
}
