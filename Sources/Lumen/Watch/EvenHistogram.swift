/// Counts of values in equal-width buckets spanning their range, as `torch.histc` makes them
/// for `wandb.watch`: a value equal to the maximum falls in the last bucket, and when all values
/// are equal the range is widened by 1 on both sides.
struct EvenHistogram {
    let min: Double
    let max: Double
    let sum: Double
    let sumOfSquares: Double
    /// Each bucket's right edge.
    let rightEdges: [Double]
    let counts: [Double]

    /// The histogram of `values` in `buckets` buckets; nil for no values.
    init?(_ values: [Double], buckets: Int) {
        guard let low = values.min(), let high = values.max(), buckets > 0 else { return nil }
        min = low
        max = high
        let (start, end) = low == high ? (low - 1, high + 1) : (low, high)
        let width = (end - start) / Double(buckets)
        var counts = [Double](repeating: 0, count: buckets)
        var sum = 0.0, squares = 0.0
        for value in values {
            sum += value
            squares += value * value
            let bucket = Int((value - start) / width)
            counts[Swift.min(Swift.max(bucket, 0), buckets - 1)] += 1
        }
        self.sum = sum
        sumOfSquares = squares
        self.counts = counts
        rightEdges = (1...buckets).map { start + width * Double($0) }
    }
}
