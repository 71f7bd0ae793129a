/// How `addHistogram` divides values into buckets.
public enum HistogramBins: Sendable, Equatable {
    /// TensorFlow's default exponential buckets, as PyTorch's `bins="tensorflow"`:
    /// edges ±1e-12·1.1^k up to 1e20, and 0 (1,549 edges).
    case tensorflow
    /// `n` equal-width buckets spanning the values' minimum to maximum (`np.histogram(values, bins=n)`).
    case count(Int)
    /// Explicit, non-decreasing bucket edges; values outside them are not counted.
    case edges([Double])

    /// The 1,549 edges of ``tensorflow``, computed exactly as PyTorch computes them
    /// (repeated multiplication by 1.1, not `pow`, so the values match bit for bit).
    public static let tensorflowEdges: [Double] = {
        var positive: [Double] = []
        var v = 1e-12
        while v < 1e20 {
            positive.append(v)
            v *= 1.1
        }
        return positive.reversed().map { -$0 } + [0] + positive
    }()
}

/// Why a histogram could not be made.
public struct HistogramError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What is wrong, in words that name the offending input.
    public let message: String

    public var description: String { message }
}
