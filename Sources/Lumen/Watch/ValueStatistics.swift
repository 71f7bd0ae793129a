import LumenTensor

/// One pass over a tensor's values: the finite ones (for a histogram), NaN and ±∞ counts, the
/// mean and standard deviation of the finite values, the share of exact zeros and the L2 norm.
struct ValueStatistics {
    private(set) var finite: [Double] = []
    private(set) var nanCount = 0
    private(set) var positiveInfinityCount = 0
    private(set) var negativeInfinityCount = 0
    private(set) var zeroCount = 0
    private var sum = 0.0
    private var sumOfSquares = 0.0
    let count: Int

    /// Statistics of `tensor`'s values; `keepFinite` keeps the finite values for a histogram.
    init(_ tensor: Tensor, keepFinite: Bool) {
        let values = tensor.scalars
        count = values.count
        if keepFinite { finite.reserveCapacity(values.count) }
        for value in values {
            if value.isNaN {
                nanCount += 1
            } else if value.isInfinite {
                if value > 0 { positiveInfinityCount += 1 } else { negativeInfinityCount += 1 }
            } else {
                let v = Double(value)
                sum += v
                sumOfSquares += v * v
                if value == 0 { zeroCount += 1 }
                if keepFinite { finite.append(v) }
            }
        }
    }

    /// Values that are neither NaN nor ±∞.
    var finiteCount: Int { count - nanCount - positiveInfinityCount - negativeInfinityCount }
    /// Mean of the finite values (0 when there are none).
    var mean: Double { finiteCount > 0 ? sum / Double(finiteCount) : 0 }
    /// Population standard deviation of the finite values.
    var standardDeviation: Double {
        guard finiteCount > 0 else { return 0 }
        return max(0, sumOfSquares / Double(finiteCount) - mean * mean).squareRoot()
    }
    /// L2 norm of the finite values.
    var norm: Double { sumOfSquares.squareRoot() }
    /// Share of the values that are exactly zero.
    var zeroShare: Double { count > 0 ? Double(zeroCount) / Double(count) : 0 }
    /// Whether any value is NaN or ±∞.
    var hasNonFinite: Bool { finiteCount < count }
}
