import Foundation

extension SummaryWriter {
    /// Logs a precision–recall curve for TensorBoard's PR Curves dashboard, number for number
    /// as PyTorch's `add_pr_curve`: predictions are binned into `numThresholds` thresholds
    /// (in their own precision: Float predictions as float32, Double as float64), and each
    /// threshold gets its true/false positive/negative counts, precision and recall — a
    /// `[6, numThresholds]` float tensor with plugin "pr_curves".
    ///
    /// As PyTorch, at most 127 thresholds are written: a larger `numThresholds` gives 127.
    ///
    /// ### Example
    /// ```swift
    /// try writer.addPrCurve("pr/cat", labels: isCat, predictions: catProbability, step: epoch)
    /// ```
    ///
    /// - Parameters:
    ///   - tag: The curve's name.
    ///   - labels: Whether each example is a positive.
    ///   - predictions: The predicted probability of each example being positive, in 0…1.
    ///   - step: The step the curve belongs to.
    ///   - numThresholds: How many thresholds, evenly spaced over 0…1 (2…127).
    ///   - weights: Each example's weight; 1 each when nil.
    ///   - wallTime: Seconds since 1970; now when nil.
    /// - Throws: ``SummaryArgumentError`` when labels, predictions and weights differ in
    ///   length, a prediction lies outside 0…1, or `numThresholds` < 2.
    public func addPrCurve<Prediction: BinaryFloatingPoint>(
        _ tag: String, labels: [Bool], predictions: [Prediction], step: Int = 0, numThresholds: Int = 127, weights: [Double]? = nil,
        wallTime: Double? = nil
    ) throws {
        let curve = try PRCurve(labels: labels, predictions: predictions, weights: weights, numThresholds: numThresholds)
        addSummary([try curve.summaryValue(tag: tag)], step: step, wallTime: wallTime)
    }

    /// Logs a precision–recall curve computed elsewhere, as PyTorch's `add_pr_curve_raw`: the
    /// six arrays, one value per threshold, become the rows of a `[6, thresholds]` float tensor.
    /// `numThresholds` is only recorded (at most 127, as PyTorch).
    ///
    /// ### Example
    /// ```swift
    /// try writer.addPrCurveRaw("pr/dog", truePositiveCounts: tp, falsePositiveCounts: fp,
    ///                          trueNegativeCounts: tn, falseNegativeCounts: fn,
    ///                          precision: precision, recall: recall, step: 3, numThresholds: tp.count)
    /// ```
    ///
    /// - Throws: ``SummaryArgumentError`` when the arrays differ in length or `numThresholds` < 2.
    public func addPrCurveRaw(
        _ tag: String, truePositiveCounts: [Double], falsePositiveCounts: [Double], trueNegativeCounts: [Double],
        falseNegativeCounts: [Double], precision: [Double], recall: [Double], step: Int = 0, numThresholds: Int = 127,
        wallTime: Double? = nil
    ) throws {
        let curve = try PRCurve(
            rows: [
                "truePositiveCounts": truePositiveCounts, "falsePositiveCounts": falsePositiveCounts,
                "trueNegativeCounts": trueNegativeCounts, "falseNegativeCounts": falseNegativeCounts,
                "precision": precision, "recall": recall,
            ], numThresholds: numThresholds)
        addSummary([try curve.summaryValue(tag: tag)], step: step, wallTime: wallTime)
    }
}
