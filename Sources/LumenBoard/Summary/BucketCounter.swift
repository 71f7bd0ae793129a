/// Counts values into buckets with `np.histogram`'s exact rules, so that Lumen's buckets are
/// identical to PyTorch's: a bucket holds `edges[i] ≤ v < edges[i+1]`, the last one also its
/// right edge; values outside the edges, and NaN, are not counted.
enum BucketCounter {
    /// Counts for explicit (possibly non-uniform) edges.
    static func count(_ values: UnsafeBufferPointer<Double>, edges: [Double]) -> [Int] {
        let bucketCount = edges.count - 1
        var counts = [Int](repeating: 0, count: max(bucketCount, 0))
        guard bucketCount > 0, let first = edges.first, let last = edges.last else { return counts }
        edges.withUnsafeBufferPointer { e in
            counts.withUnsafeMutableBufferPointer { counts in
                for v in values where v >= first && v <= last {
                    let index = v == last ? bucketCount &- 1 : upperBound(e, v) &- 1
                    counts[index] &+= 1
                }
            }
        }
        return counts
    }

    /// Counts for ``HistogramBins/tensorflowEdges`` without searching: the bucket follows from
    /// the last positive edge at or below |v| (a table lookup and one comparison), with no
    /// data-dependent branches, so random signs and magnitudes cost no mispredictions.
    static func countTensorflow(_ values: UnsafeBufferPointer<Double>) -> [Int] {
        let positive = self.positive
        let k = positive.count
        var counts = [Int](repeating: 0, count: 2 * k)
        let first = -positive.largest, last = positive.largest
        counts.withUnsafeMutableBufferPointer { counts in
            positive.withLookup { lookup in
                for v in values where v >= first && v <= last {
                    let magnitude = abs(v)
                    let (j, isEdge) = lookup(magnitude)
                    // v ≥ 0 lies in [p[j], p[j+1]): bucket k+1+j (bucket k is [0, p[0])).
                    // v < 0 lies in [-p[j+1], -p[j]) unless v = -p[j] exactly, which starts bucket k-1-j.
                    let upper = min(k &+ 1 &+ j, 2 &* k &- 1)
                    let lower = k &- 2 &- j &+ (isEdge ? 1 : 0)
                    counts[v < 0 ? lower : upper] &+= 1
                }
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

    private static let positive = TensorflowPositiveEdges()
}

/// The positive TensorFlow edges p[0] = 1e-12 < p[1] < … < p[k-1] and a table that finds, from
/// a value's exponent and top 6 mantissa bits, the last edge at or below it. Each table slot
/// spans a ratio of at most 2^(1/64) ≈ 1.011, less than the edges' ratio 1.1, so a single
/// comparison settles the answer: a few nanoseconds per value instead of a binary search.
struct TensorflowPositiveEdges {
    /// p[0…k-1] preceded by 0 and followed by +∞, so that p[j] is `padded[j + 1]` for j in -1…k.
    private let padded: [Double]
    /// For each slot, the last j with p[j] ≤ the slot's smallest value (-1 below p[0]).
    private let table: [Int32]
    private let firstKey: UInt64
    private static let shift: UInt64 = 46

    /// Number of positive edges, k.
    let count: Int
    /// p[k-1], just below 1e20.
    let largest: Double

    init() {
        let all = HistogramBins.tensorflowEdges
        let edges = Array(all[(all.count / 2 + 1)...])
        count = edges.count
        largest = edges[edges.count - 1]
        padded = [0] + edges + [.infinity]
        firstKey = edges[0].bitPattern >> Self.shift
        let lastKey = largest.bitPattern >> Self.shift
        var table: [Int32] = [-1]  // slot 0: everything below p[0]
        var j = 0
        for key in firstKey...lastKey {
            let low = Double(bitPattern: key << Self.shift)
            while j + 1 < edges.count && edges[j + 1] <= low { j += 1 }
            table.append(Int32(edges[j] <= low ? j : j - 1))
        }
        self.table = table
    }

    /// Calls `body` with a function giving, for x in 0…p[k-1], the last j with p[j] ≤ x
    /// (-1 below p[0]) and whether x equals p[j].
    func withLookup<R>(_ body: ((Double) -> (Int, Bool)) -> R) -> R {
        padded.withUnsafeBufferPointer { p in
            table.withUnsafeBufferPointer { table in
                let firstKey = self.firstKey
                return body { x in
                    let key = x.bitPattern >> Self.shift
                    // Slot 0 holds everything below p[0]; keys past the table cannot occur for x ≤ p[k-1].
                    let slot = key >= firstKey ? Int(truncatingIfNeeded: key &- firstKey) &+ 1 : 0
                    var j = Int(table[slot])
                    j &+= x >= p[j &+ 2] ? 1 : 0
                    return (j, x == p[j &+ 1])
                }
            }
        }
    }
}
