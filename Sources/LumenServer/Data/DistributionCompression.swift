import LumenBoard

/// Compresses a histogram to the values at TensorBoard's basis points (in 1/10,000ths of the
/// distribution: min, ±1σ, ±2σ, ±3σ equivalents and the median), interpolating linearly inside
/// buckets, as TensorBoard's Distributions dashboard does.
enum DistributionCompression {
    static let basisPoints: [Double] = [0, 668, 1587, 3085, 5000, 6915, 8413, 9332, 10000]

    static func compress(_ histogram: HistogramPoint) -> [Double] {
        let buckets = histogram.buckets
        guard let firstBucket = buckets.first, let lastBucket = buckets.last else {
            return basisPoints.map { _ in 0 }
        }
        let lowest = firstBucket.left, highest = lastBucket.right
        let total = buckets.reduce(0) { $0 + $1.count }
        var cumulative: [Double] = []
        var running = 0.0
        for bucket in buckets {
            running += bucket.count * basisPoints.last! / (total == 0 ? 1 : total)
            cumulative.append(running)
        }
        var result: [Double] = []
        var b = 0
        scan: while b < basisPoints.count {
            let target = basisPoints[b]
            var i = cumulative.firstIndex { $0 > target } ?? cumulative.count
            while i < cumulative.count {
                let upper = cumulative[i]
                let lower = i > 0 ? cumulative[i - 1] : 0
                if upper == lower {
                    i += 1
                    continue
                }
                let left = (i == 0 || lower == 0) ? lowest : max(buckets[i - 1].right, lowest)
                let right = min(buckets[i].right, highest)
                result.append(left + (target - lower) * (right - left) / (upper - lower))
                b += 1
                continue scan
            }
            break
        }
        while result.count < basisPoints.count { result.append(highest) }
        return result
    }
}
