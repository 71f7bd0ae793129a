import LumenNN
import LumenTensor

/// The machinery every class-activation-map method shares, as pytorch-grad-cam 1.5.7's
/// `BaseCAM`: record the target layers' outputs (a forward hook on each) and their gradients (a
/// tensor hook on each output), weigh them by the method's rule, ReLU, resize each map to the
/// input's size as `cv2.resize` does, scale it to 0…1, and average the layers.
///
/// Create one of the methods — ``GradCAM``, ``HiResCAM``, ``GradCAMPlusPlus``, ``XGradCAM``,
/// ``LayerCAM``, ``EigenCAM``, ``EigenGradCAM``, ``ScoreCAM``, ``AblationCAM``, ``CAM`` — and
/// call it. As the library does, creating one puts the model in evaluation mode.
///
/// ### Example
/// ```swift
/// let cam = try GradCAM(model: model, targetLayers: ["layer4"])
/// let maps = try cam(x, targets: [.category(281)])   // [1, 224, 224], 0…1
/// ```
public class BaseCAM {
    /// The model explained.
    ///
    /// ```swift
    /// cam.model.isTraining   // false: creating the CAM put it in evaluation mode
    /// ```
    public let model: Module
    /// The dotted paths of the layers whose outputs are weighed (`"layer4"`, `"layer4.1.conv2"`).
    ///
    /// ```swift
    /// try GradCAM(model: model, targetLayers: ["layer3", "layer4"]).targetLayers   // ["layer3", "layer4"]
    /// ```
    public let targetLayers: [String]
    let layers: [Module]
    let usesGradients: Bool
    let rule: CAMRule
    private let recorder = ActivationRecorder()

    init(model: Module, targetLayers: [String], usesGradients: Bool, rule: CAMRule) throws {
        guard !targetLayers.isEmpty else { throw VisionError("CAM: no target layers given") }
        self.layers = try targetLayers.map { try model.layer(at: $0) }
        self.model = model
        self.targetLayers = targetLayers
        self.usesGradients = usesGradients
        self.rule = rule
        model.eval()
    }

    /// Maps for the images of `input` ([images, channels, height, width]): [images, height,
    /// width], each scaled to 0…1.
    ///
    /// - Parameters:
    ///   - input: `[N, C, H, W]` images, prepared as the model expects them.
    ///   - targets: one per image; `nil` explains each image's top prediction.
    ///   - augSmooth: average the maps of six test-time augmentations (no flip and horizontal
    ///     flip, each at brightness × 0.9, 1 and 1.1; maps flipped back), as the library's ttach
    ///     default.
    ///   - eigenSmooth: replace the weighted sum over channels by the first principal component
    ///     of the weighted activations (`get_2d_projection`).
    ///
    /// ```swift
    /// let maps = try cam(x, targets: nil, augSmooth: true)
    /// ```
    public func callAsFunction(_ input: Tensor, targets: [CAMTarget]? = nil, augSmooth: Bool = false, eigenSmooth: Bool = false) throws -> Tensor {
        guard input.rank == 4 else {
            throw VisionError("CAM: input has shape \(input.shape); [images, channels, height, width] is needed")
        }
        let (count, height, width) = (input.shape[0], input.shape[2], input.shape[3])
        guard augSmooth else {
            return Tensor(try maps(input, targets: targets, eigenSmooth: eigenSmooth), shape: [count, height, width])
        }
        var sum = [Float](repeating: 0, count: count * height * width)
        for flip in [false, true] {
            for factor: Float in [0.9, 1, 1.1] {
                var augmented = flip ? Self.flippedHorizontally(input.scalars, width: width) : input.scalars
                if factor != 1 { augmented = augmented.map { $0 * factor } }
                let map = try maps(Tensor(augmented, shape: input.shape), targets: targets, eigenSmooth: eigenSmooth)
                let restored = flip ? Self.flippedHorizontally(map, width: width) : map
                for i in sum.indices { sum[i] += restored[i] }
            }
        }
        return Tensor(sum.map { $0 / 6 }, shape: [count, height, width])
    }

    /// One pass of the library's `forward`: the aggregated maps, [images·height·width].
    private func maps(_ input: Tensor, targets: [CAMTarget]?, eigenSmooth: Bool) throws -> [Float] {
        let (count, height, width) = (input.shape[0], input.shape[2], input.shape[3])
        let forward = { self.recorder.recording(self.layers, names: self.targetLayers, gradients: self.usesGradients) { self.model(input) } }
        let output = usesGradients ? withGradEnabled(forward) : withNoGrad(forward)
        let targets = targets ?? CAMTarget.topPredictions(output)
        try CAMTarget.validate(targets, outputShape: output.shape)
        let rows = (0..<count).map { output.select(dim: 0, index: $0) }
        let scores = zip(targets, rows).map { $0.score($1) }
        if usesGradients {
            model.zeroGrad()
            let loss = scores.dropFirst().reduce(scores[0]) { $0 + $1 }
            guard loss.requiresGrad else {
                throw VisionError("CAM: the model's output does not require grad (are its parameters frozen?); \(Self.self) needs gradients")
            }
            try loss.backward()
        }
        let plainScores = scores.map { $0.item() }
        var perLayer: [[Float]] = []
        for (index, module) in layers.enumerated() {
            guard index < recorder.entries.count else {
                throw VisionError("CAM: target layer \"\(targetLayers[index])\" did not run in the forward pass")
            }
            let entry = recorder.entries[index]
            let shape = entry.activations.shape
            guard shape.count == 4 else {
                throw VisionError("CAM: the output of layer \"\(entry.layerName)\" has shape \(shape); a 4-D [images, channels, height, width] output is needed")
            }
            let layer = CAMLayer(
                name: entry.layerName, module: module, activations: entry.activations.scalars, gradients: entry.gradients?.scalars,
                images: shape[0], channels: shape[1], height: shape[2], width: shape[3],
                model: model, input: input, targets: targets, scores: plainScores)
            let map = try rule.map(layer, eigenSmooth: eigenSmooth).map { Swift.max($0, 0) }
            perLayer.append(CAMScaling.scale(map, count: count, height: shape[2], width: shape[3], to: (height, width)))
        }
        var mean = [Float](repeating: 0, count: count * height * width)
        for map in perLayer {
            for i in mean.indices { mean[i] += Swift.max(map[i], 0) }
        }
        let layerCount = Float(perLayer.count)
        return CAMScaling.scale(mean.map { $0 / layerCount }, count: count, height: height, width: width)
    }

    /// [..., width] rows reversed (`torch.flip(x, dims=[3])`).
    static func flippedHorizontally(_ values: [Float], width: Int) -> [Float] {
        var result = values
        for row in stride(from: 0, to: values.count, by: width) {
            for x in 0..<width { result[row + x] = values[row + width - 1 - x] }
        }
        return result
    }
}
