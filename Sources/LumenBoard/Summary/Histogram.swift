extension TBHistogramProto {
    /// A histogram of `values` built exactly as PyTorch's `add_histogram` builds it:
    /// `np.histogram` over the bins, optional down-sampling to `maxBins`, then empty buckets
    /// trimmed from both ends keeping one empty bucket on the left (TensorBoard stores only
    /// right edges). `min`, `max`, `num` and `sum` match PyTorch's bit for bit; `sum_squares`
    /// agrees to rounding (PyTorch's comes from BLAS, whose summation order varies by CPU).
    ///
    /// - Throws: ``HistogramError`` for no values, non-finite values with `.count` bins,
    ///   decreasing edges, or values that all fall outside the edges.
    public init(values: [Double], bins: HistogramBins = .tensorflow, maxBins: Int? = nil) throws {
        guard !values.isEmpty else { throw HistogramError(message: "the histogram has no values") }
        let edges = try Self.edges(for: bins, values: values)
        var counts = values.withUnsafeBufferPointer { buffer in
            switch bins {
            case .tensorflow: return BucketCounter.countTensorflow(buffer)
            case .count: return BucketCounter.count(buffer, uniformEdges: edges)
            case .edges: return BucketCounter.count(buffer, edges: edges)
            }
        }
        var limits = edges
        if let maxBins, counts.count > maxBins {
            guard maxBins > 0 else { throw HistogramError(message: "maxBins must be positive, got \(maxBins)") }
            (counts, limits) = Self.subsample(counts: counts, limits: limits, maxBins: maxBins)
        }
        let (bucket, bucketLimit) = Self.trim(counts: counts, limits: limits)
        guard !bucket.isEmpty, !bucketLimit.isEmpty else {
            throw HistogramError(message: "no value falls within the histogram's edges \(limits.first!)…\(limits.last!)")
        }
        self.init()
        values.withUnsafeBufferPointer { buffer in
            min = Self.numpyMinimum(buffer)
            max = Self.numpyMaximum(buffer)
            sum = PairwiseSum.sum(buffer)
            sumSquares = PairwiseSum.sumOfSquares(buffer)
        }
        num = Double(values.count)
        self.bucketLimit = bucketLimit
        self.bucket = bucket
    }

    /// The bin edges `np.histogram` would use.
    private static func edges(for bins: HistogramBins, values: [Double]) throws -> [Double] {
        switch bins {
        case .tensorflow:
            return HistogramBins.tensorflowEdges
        case .edges(let edges):
            guard edges.count >= 2 else { throw HistogramError(message: "a histogram needs at least 2 edges, got \(edges.count)") }
            for i in 1..<edges.count where !(edges[i - 1] <= edges[i]) {
                throw HistogramError(message: "histogram edges must increase monotonically; edge \(i - 1) is \(edges[i - 1]) and edge \(i) is \(edges[i])")
            }
            return edges
        case .count(let n):
            guard n > 0 else { throw HistogramError(message: "a histogram needs at least 1 bin, got \(n)") }
            var first = values.withUnsafeBufferPointer(numpyMinimum)
            var last = values.withUnsafeBufferPointer(numpyMaximum)
            guard first.isFinite, last.isFinite else {
                throw HistogramError(message: "the values' range [\(first), \(last)] is not finite; use .tensorflow or explicit edges")
            }
            if first == last {
                first -= 0.5
                last += 0.5
            }
            // numpy.linspace: i * step + start, with the last edge set to stop.
            let step = (last - first) / Double(n)
            var edges = (0...n).map { Double($0) * step + first }
            edges[n] = last
            return edges
        }
    }

    /// Merges every `maxBins`-th group of buckets, as PyTorch's `make_histogram` does.
    private static func subsample(counts: [Int], limits: [Double], maxBins: Int) -> ([Int], [Double]) {
        let factor = counts.count / maxBins
        let groups = (counts.count + factor - 1) / factor
        var merged = [Int](repeating: 0, count: groups)
        for (i, c) in counts.enumerated() { merged[i / factor] += c }
        var newLimits = stride(from: 0, to: limits.count - 1, by: factor).map { limits[$0] }
        newLimits.append(limits[limits.count - 1])
        return (merged, newLimits)
    }

    /// Keeps the buckets from one before the first non-empty one to the last non-empty one,
    /// following PyTorch's index arithmetic (including Python's slice clamping) exactly.
    private static func trim(counts: [Int], limits: [Double]) -> (bucket: [Double], limit: [Double]) {
        var cumulative = 0
        var cum: [Int] = []
        cum.reserveCapacity(counts.count)
        for c in counts {
            if c > 0 { cumulative += 1 }
            cum.append(cumulative)
        }
        let start = cum.firstIndex { $0 > 0 } ?? cum.count
        let end = (cum.firstIndex { $0 > cumulative - 1 } ?? cum.count) + 1
        let kept: [Int] = start > 0 ? pySlice(counts, start - 1, end) : [0] + pySlice(counts, 0, end)
        return (kept.map(Double.init), pySlice(limits, start, end + 1))
    }

    private static func pySlice<T>(_ array: [T], _ from: Int, _ to: Int) -> [T] {
        let lower = Swift.min(Swift.max(from, 0), array.count)
        let upper = Swift.min(Swift.max(to, 0), array.count)
        return lower < upper ? Array(array[lower..<upper]) : []
    }

    /// numpy's `min`: NaN if any value is NaN.
    private static func numpyMinimum(_ values: UnsafeBufferPointer<Double>) -> Double {
        var result = values[0]
        for v in values {
            if v.isNaN { return .nan }
            if v < result { result = v }
        }
        return result
    }

    /// numpy's `max`: NaN if any value is NaN.
    private static func numpyMaximum(_ values: UnsafeBufferPointer<Double>) -> Double {
        var result = values[0]
        for v in values {
            if v.isNaN { return .nan }
            if v > result { result = v }
        }
        return result
    }
}
