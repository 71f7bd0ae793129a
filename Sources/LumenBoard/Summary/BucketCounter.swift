/// Counts values into buckets with `np.histogram`'s exact rules, so that Lumen's buckets are
/// identical to PyTorch's: a bucket holds `edges[i] ≤ v < edges[i+1]`, the last one also its
/// right edge; values outside the edges, and NaN, are not counted.
enum BucketCounter {
    /// Counts for explicit (possibly non-uniform) edges.
    static func count(_ values: UnsafeBufferPointer<Double>, edges: [Double]) -> [Int] {
        let bucketCount = edges.count - 1
        var counts = [Int](repeating: 0, count: bucketCount)
        guard bucketCount > 0, let first = edges.first, let last = edges.last else { return counts }
        let isTensorflow = edges == HistogramBins.tensorflowEdges
        edges.withUnsafeBufferPointer { e in
            for v in values where v >= first && v <= last {
                var index = isTensorflow ? tensorflowGuess(v) : upperBound(e, v) - 1
                if v == last {
                    index = bucketCount - 1
                } else {
                    // Settle the guess on the last edge ≤ v.
                    while index > 0 && v < e[index] { index -= 1 }
                    while index + 1 < bucketCount && v >= e[index + 1] { index += 1 }
                }
                counts[index] += 1
            }
        }
        return counts
    }

    /// Counts for `n` equal buckets from `first` to `last`, with numpy's index computation
    /// and its ±1 corrections near edges.
    static func count(_ values: UnsafeBufferPointer<Double>, uniformEdges edges: [Double]) -> [Int] {
        let n = edges.count - 1
        var counts = [Int](repeating: 0, count: n)
        let first = edges[0], last = edges[n]
        let denominator = last - first
        for v in values where v >= first && v <= last {
            var index = Int((v - first) / denominator * Double(n))
            if index == n { index -= 1 }
            if v < edges[index] { index -= 1 }
            if index != n - 1 && v >= edges[index + 1] { index += 1 }
            counts[index] += 1
        }
        return counts
    }

    /// Number of edges ≤ v (binary search).
    private static func upperBound(_ edges: UnsafeBufferPointer<Double>, _ v: Double) -> Int {
        var low = 0, high = edges.count
        while low < high {
            let mid = (low + high) / 2
            if edges[mid] <= v { low = mid + 1 } else { high = mid }
        }
        return low
    }

    private static let positiveEdgeCount = (HistogramBins.tensorflowEdges.count - 1) / 2
    private static let log2Smallest = -39.863137138648348  // log2(1e-12)
    private static let log2Ratio = 0.13750352374993502      // log2(1.1)

    /// A bucket index within a step or two of the right one for the TensorFlow edges,
    /// from a cheap log2 (exponent bits plus a polynomial for the mantissa): far cheaper
    /// than a binary search over 1,549 edges. `count` corrects it against the exact edges.
    @inline(__always)
    private static func tensorflowGuess(_ v: Double) -> Int {
        let k = positiveEdgeCount
        let magnitude = abs(v)
        guard magnitude >= 1e-12 else { return v >= 0 ? k : k - 1 }
        let bits = magnitude.bitPattern
        let exponent = Double(Int((bits >> 52) & 0x7FF) - 1023)
        let m = Double(bitPattern: (bits & 0x000F_FFFF_FFFF_FFFF) | 0x3FF0_0000_0000_0000) - 1
        // log2(1 + m) for m in [0, 1): error below 0.006, far less than one bucket (0.1375).
        let log2Mantissa = m * (1.4425449 + m * (-0.7181452 + m * (0.4575485 + m * -0.1825616)))
        let j = Int(((exponent + log2Mantissa) - log2Smallest) / log2Ratio)
        let step = min(max(j, 0), k - 1)
        return min(max(v > 0 ? k + 1 + step : k - 2 - step, 0), 2 * k - 1)
    }
}
