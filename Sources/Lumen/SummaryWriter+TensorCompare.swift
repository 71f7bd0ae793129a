import LumenBoard
import LumenTensor

extension SummaryWriter {
    /// Logs a precision–recall curve from tensors, as PyTorch's `add_pr_curve(tag, labels,
    /// predictions, step)`: `labels` holds 0 or 1 per example, `predictions` the probability
    /// of each being positive (any shapes with one element per example each).
    ///
    /// ```swift
    /// try writer.addPrCurve("pr/cat", labels: targets.eq(3), predictions: catProbabilities, step: epoch)
    /// ```
    ///
    /// - Throws: ``SummaryArgumentError`` for a label other than 0 or 1, and as the array form.
    public func addPrCurve(
        _ tag: String, labels: Tensor, predictions: Tensor, step: Int = 0, numThresholds: Int = 127, weights: Tensor? = nil,
        wallTime: Double? = nil
    ) throws {
        let values = labels.scalars
        if let index = values.firstIndex(where: { $0 != 0 && $0 != 1 }) {
            throw SummaryArgumentError("labels", "value #\(index) is \(values[index]), but a label is 0 or 1")
        }
        try addPrCurve(
            tag, labels: values.map { $0 == 1 }, predictions: predictions.scalars, step: step, numThresholds: numThresholds,
            weights: weights?.scalars.map(Double.init), wallTime: wallTime)
    }

    /// Saves an embedding of the rows of a `[N, D]` tensor for TensorBoard's projector, as
    /// PyTorch's `add_embedding(mat, metadata, label_img, global_step, tag)`; `labelImages` is
    /// `[N, C, H, W]` with C = 1 or 3, values in 0…1.
    ///
    /// ```swift
    /// try writer.addEmbedding(features, metadata: labels.map(String.init), labelImages: images, tag: "digits")
    /// ```
    ///
    /// - Throws: ``SummaryArgumentError`` when `matrix` is not 2-D, and as the array form.
    public func addEmbedding(
        _ matrix: Tensor, metadata: [String]? = nil, labelImages: Tensor? = nil, tag: String = "default", step: Int = 0
    ) throws {
        guard matrix.shape.count == 2 else {
            throw SummaryArgumentError("matrix", "shape \(matrix.shape) is not [points, features]")
        }
        let values = matrix.scalars
        let width = matrix.shape[1]
        let rows = (0..<matrix.shape[0]).map { Array(values[$0 * width..<($0 + 1) * width]) }
        try addEmbedding(
            rows, metadata: metadata, labelImages: labelImages.map { LabelImages($0.scalars, shape: $0.shape) }, tag: tag, step: step)
    }
}
