import LumenNN
import LumenTensor

/// pytorch-grad-cam's `CamMultImageConfidenceChange` metric: how much each image's explained
/// score changes when the image is multiplied by its map (score after − score before). A good
/// map keeps the evidence, so the score drops little or rises.
///
/// ### Example
/// ```swift
/// let maps = try cam(x, targets: targets)
/// let change = try CamMultImageConfidenceChange()(x, cams: maps, targets: targets, model: model)
/// ```
public struct CamMultImageConfidenceChange: Sendable {
    /// The metric.
    ///
    /// ```swift
    /// let metric = CamMultImageConfidenceChange()
    /// ```
    public init() {}

    /// Score changes, one per image of `input` ([images, channels, height, width]), for `cams`
    /// ([images, height, width]).
    ///
    /// ```swift
    /// let change = try CamMultImageConfidenceChange()(x, cams: maps, targets: [.category(3)], model: net)
    /// ```
    public func callAsFunction(_ input: Tensor, cams: Tensor, targets: [CAMTarget], model: Module) throws -> [Float] {
        guard input.rank == 4, cams.shape == [input.shape[0], input.shape[2], input.shape[3]] else {
            throw VisionError("CamMultImageConfidenceChange: maps of shape \(cams.shape) do not fit input of shape \(input.shape); [images, height, width] is needed")
        }
        let (count, channels, size) = (input.shape[0], input.shape[1], input.shape[2] * input.shape[3])
        let before = withNoGrad { model(input) }
        try CAMTarget.validate(targets, outputShape: before.shape)
        var perturbed = input.scalars
        let maps = cams.scalars
        for image in 0..<count {
            for c in 0..<channels {
                let plane = (image * channels + c) * size
                for p in 0..<size { perturbed[plane + p] *= maps[image * size + p] }
            }
        }
        let after = withNoGrad { model(Tensor(perturbed, shape: input.shape)) }
        return targets.indices.map { image in
            targets[image].score(after.select(dim: 0, index: image)).item()
                - targets[image].score(before.select(dim: 0, index: image)).item()
        }
    }
}
