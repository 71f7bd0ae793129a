/// The table TensorBoard's PR-curves plugin draws: for each of `numThresholds` thresholds, the
/// true positive, false positive, true negative and false negative counts, the precision and
/// the recall — six rows, written as a `[6, numThresholds]` float tensor.
struct PRCurve {
    /// PyTorch writes at most this many thresholds and silently uses it for larger requests.
    static let maxThresholds = 127
    /// Precision and recall divide by at least this, so an empty threshold gives 0, not NaN.
    static let minimumCount = 1e-7

    let numThresholds: Int
    /// tp, fp, tn, fn, precision, recall; each row `numThresholds` long.
    let rows: [[Double]]

    /// The curve from labels and predicted probabilities, number for number as PyTorch's
    /// `add_pr_curve`: each prediction falls in threshold bucket `⌊p · (n − 1)⌋` (computed in
    /// the predictions' own precision), buckets sum the (weighted) labels in float64, and the
    /// counts at threshold i are the sums over buckets ≥ i.
    ///
    /// - Throws: ``SummaryArgumentError`` when the arrays differ in length, a prediction lies
    ///   outside [0, 1], or fewer than 2 thresholds are asked for.
    init<P: BinaryFloatingPoint>(labels: [Bool], predictions: [P], weights: [Double]?, numThresholds: Int) throws {
        guard predictions.count == labels.count else {
            throw SummaryArgumentError("predictions", "\(predictions.count) values, but labels has \(labels.count)")
        }
        if let weights, weights.count != labels.count {
            throw SummaryArgumentError("weights", "\(weights.count) values, but labels has \(labels.count)")
        }
        if let index = predictions.firstIndex(where: { !($0 >= 0 && $0 <= 1) }) {
            throw SummaryArgumentError("predictions", "value #\(index) is \(predictions[index]), outside [0, 1]")
        }
        let n = try Self.thresholdCount(numThresholds)
        let scale = P(n - 1)
        // np.histogram adds weights with bincount in blocks of 65,536 values and sums the blocks'
        // counts: the same grouping keeps weighted sums identical to the last bit.
        let block = 65_536
        var positives = [Double](repeating: 0, count: n)
        var negatives = [Double](repeating: 0, count: n)
        for start in stride(from: 0, to: labels.count, by: block) {
            var blockPositives = [Double](repeating: 0, count: n)
            var blockNegatives = [Double](repeating: 0, count: n)
            for i in start..<min(start + block, labels.count) {
                let bucket = Int((predictions[i] * scale).rounded(.down))
                let label: Double = labels[i] ? 1 : 0
                let weight = weights?[i] ?? 1
                blockPositives[bucket] += label * weight
                blockNegatives[bucket] += (1 - label) * weight
            }
            for j in 0..<n {
                positives[j] += blockPositives[j]
                negatives[j] += blockNegatives[j]
            }
        }
        let tp = Self.reverseCumulativeSum(positives)
        let fp = Self.reverseCumulativeSum(negatives)
        let tn = fp.map { fp[0] - $0 }
        let fn = tp.map { tp[0] - $0 }
        let precision = (0..<n).map { tp[$0] / Self.atLeastMinimumCount(tp[$0] + fp[$0]) }
        let recall = (0..<n).map { tp[$0] / Self.atLeastMinimumCount(tp[$0] + fn[$0]) }
        self.numThresholds = n
        rows = [tp, fp, tn, fn, precision, recall]
    }

    /// A curve computed elsewhere (PyTorch's `add_pr_curve_raw`).
    /// - Throws: ``SummaryArgumentError`` when the six arrays differ in length or fewer than 2
    ///   thresholds are asked for.
    init(rows: KeyValuePairs<String, [Double]>, numThresholds: Int) throws {
        let length = rows.first!.value.count
        if let other = rows.first(where: { $0.value.count != length }) {
            throw SummaryArgumentError(other.key, "\(other.value.count) values, but \(rows.first!.key) has \(length)")
        }
        self.numThresholds = try Self.thresholdCount(numThresholds)
        self.rows = rows.map(\.value)
    }

    private static func thresholdCount(_ requested: Int) throws -> Int {
        guard requested >= 2 else { throw SummaryArgumentError("numThresholds", "\(requested), but a curve needs at least 2") }
        return min(requested, maxThresholds)
    }

    /// `np.cumsum(x[::-1])[::-1]`: element i is x[i] + x[i+1] + …, added from the end.
    private static func reverseCumulativeSum(_ values: [Double]) -> [Double] {
        var sums = values
        for i in sums.indices.dropLast().reversed() { sums[i] = sums[i + 1] + values[i] }
        return sums
    }

    /// `np.maximum(1e-7, x)`, which keeps NaN.
    private static func atLeastMinimumCount(_ x: Double) -> Double {
        x.isNaN || x > minimumCount ? x : minimumCount
    }

    /// The summary value: a `[6, length]` DT_FLOAT tensor (each number rounded to float32) with
    /// plugin "pr_curves" and `PrCurvePluginData{version: 0, num_thresholds}`.
    func summaryValue(tag: String) throws -> TBSummary.Value {
        var tensor = TBTensorProto()
        tensor.dtype = .dtFloat
        tensor.tensorShape.dim = [rows.count, rows[0].count].map { size in
            var dim = TBTensorShapeProto.Dim()
            dim.size = Int64(size)
            return dim
        }
        tensor.floatVal = rows.flatMap { $0.map(Float.init) }
        var pluginData = TBPrCurvePluginData()
        pluginData.numThresholds = UInt32(numThresholds)
        var value = TBSummary.Value()
        value.tag = tag
        value.metadata.pluginData.pluginName = "pr_curves"
        value.metadata.pluginData.content = try pluginData.serializedBytes()
        value.tensor = tensor
        return value
    }
}
