/// One step of a PR curve, as TensorBoard's PR-curves plugin reads it: for each threshold
/// `i / (n − 1)`, the true and false positive and negative counts, the precision and the recall.
public struct PRCurvePoint: Sendable {
    public let wallTime: Double
    /// The counts and ratios, one entry per threshold each.
    public let truePositives, falsePositives, trueNegatives, falseNegatives: [Double]
    public let precision, recall: [Double]

    /// The number of thresholds.
    public var count: Int { precision.count }

    /// The thresholds, evenly spaced from 0 to 1 (PyTorch and TensorFlow both bucket predictions
    /// this way).
    public var thresholds: [Double] {
        let n = count
        return (0..<n).map { n > 1 ? Double($0) / Double(n - 1) : 0 }
    }

    /// From the six rows of a `[6, n]` tensor: tp, fp, tn, fn, precision, recall.
    init(wallTime: Double, rows: [[Double]]) {
        self.wallTime = wallTime
        (truePositives, falsePositives, trueNegatives, falseNegatives) = (rows[0], rows[1], rows[2], rows[3])
        (precision, recall) = (rows[4], rows[5])
    }
}
