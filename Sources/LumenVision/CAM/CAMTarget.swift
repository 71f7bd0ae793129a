import LumenTensor

/// What a class activation map explains: which score of the model's output for one image
/// (pytorch-grad-cam's target objects).
///
/// ### Example
/// ```swift
/// let maps = try GradCAM(model: model, targetLayers: ["layer4"])(x, targets: [.category(281)])
/// ```
public enum CAMTarget: Sendable, Equatable {
    /// The raw score (logit) of a class: `ClassifierOutputTarget(category)`, `output[category]`.
    case category(Int)
    /// The soft-max probability of a class: `ClassifierOutputSoftmaxTarget(category)`.
    case softmaxCategory(Int)

    /// The class this target explains.
    ///
    /// ```swift
    /// CAMTarget.softmaxCategory(3).category   // 3
    /// ```
    public var category: Int {
        switch self {
        case .category(let index), .softmaxCategory(let index): index
        }
    }

    /// The explained score of one image's output row `logits` ([classes]); differentiable.
    ///
    /// ```swift
    /// let score = CAMTarget.category(2).score(Tensor([0.1, 0.5, 2.0]))   // 2.0
    /// ```
    public func score(_ logits: Tensor) -> Tensor {
        switch self {
        case .category(let index): logits.select(dim: 0, index: index)
        case .softmaxCategory(let index): logits.softmax(dim: 0).select(dim: 0, index: index)
        }
    }

    /// Checks that `targets` name one class in range per image of a `[images, classes]` output.
    static func validate(_ targets: [CAMTarget], outputShape: [Int]) throws {
        guard outputShape.count == 2 else {
            throw VisionError("CAM: the model's output has shape \(outputShape); a classifier's [images, classes] is needed")
        }
        guard targets.count == outputShape[0] else {
            throw VisionError("CAM: \(targets.count) targets for a batch of \(outputShape[0]) images; give one per image")
        }
        for (image, target) in targets.enumerated() where !(0..<outputShape[1]).contains(target.category) {
            throw VisionError("CAM: target class index \(target.category) (image \(image)) is out of range for \(outputShape[1]) classes")
        }
    }

    /// The top prediction of each row of `[images, classes]` logits (the first on ties, as
    /// `np.argmax`), as ``category(_:)`` targets.
    static func topPredictions(_ logits: Tensor) -> [CAMTarget] {
        let classes = logits.shape[1]
        let values = logits.scalars
        return (0..<logits.shape[0]).map { row in
            var best = 0
            for k in 1..<classes where values[row * classes + k] > values[row * classes + best] { best = k }
            return .category(best)
        }
    }
}
