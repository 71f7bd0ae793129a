import LumenBoard

/// The runs of a group drawn as one line with a band: their scalar series on one grid of steps,
/// and per grid point the mean, lowest, highest and sample standard deviation of the runs'
/// values there.
///
/// The grid cuts the steps all the runs span into `width` equal buckets. A run's value in a
/// bucket is the mean of its finite points there; a bucket inside the run's steps that holds
/// none of its points takes the run's line at the bucket's centre, interpolated between its
/// points on either side. A bucket outside a run's steps leaves that run out, and `count` says
/// how many runs each grid point has. With `width` at least the number of steps spanned, each
/// bucket holds one step and runs are compared at matching steps.
struct RunGroupAggregate {
    /// The centre step of each grid bucket that some run reaches.
    var step: [Double] = []
    var mean: [Double] = []
    var min: [Double] = []
    var max: [Double] = []
    /// Sample standard deviation (n − 1); nil where one run alone reaches the bucket.
    var std: [Double?] = []
    var count: [Int] = []

    /// The first and last step of `series`, or nil when it is empty.
    static func span(_ series: ScalarSeries) -> ClosedRange<Int64>? {
        series.count == 0 ? nil : series.step(0)...series.step(series.count - 1)
    }

    /// One run's value per bucket of `width` over `range` (nil where the run has none).
    static func bucketValues(_ series: ScalarSeries, over range: ClosedRange<Int64>, width: Int) -> [Double?] {
        let grid = StepGrid(range: range, width: width)
        var sums = [Double](repeating: 0, count: width)
        var counts = [Int](repeating: 0, count: width)
        // The nearest finite points around each bucket, for buckets the run skips.
        var before = [(step: Double, value: Double)?](repeating: nil, count: width)
        var after = [(step: Double, value: Double)?](repeating: nil, count: width)
        var lastFinite: (step: Double, value: Double, bucket: Int)?
        let lower = series.index(ofFirstStepAtLeast: range.lowerBound)
        let upper = range.upperBound == .max ? series.count : series.index(ofFirstStepAtLeast: range.upperBound + 1)
        guard lower < upper else { return [Double?](repeating: nil, count: width) }
        series.forEachChunk(in: lower..<upper) { _, steps, values in
            for (step, value) in zip(steps, values) where value.isFinite {
                let b = grid.bucket(of: step), x = grid.offset(of: step), y = Double(value)
                sums[b] += y
                counts[b] += 1
                if let last = lastFinite, last.bucket + 1 < b {
                    for skipped in (last.bucket + 1)..<b {
                        before[skipped] = (last.step, last.value)
                        after[skipped] = (x, y)
                    }
                }
                lastFinite = (x, y, b)
            }
        }
        return (0..<width).map { b in
            if counts[b] > 0 { return sums[b] / Double(counts[b]) }
            guard let left = before[b], let right = after[b] else { return nil }
            let centre = grid.centreOffset(of: b)
            return left.value + (right.value - left.value) * (centre - left.step) / (right.step - left.step)
        }
    }

    /// The group's line and band from each run's `bucketValues` over `range`.
    init(runs: [[Double?]], range: ClosedRange<Int64>, width: Int) {
        let grid = StepGrid(range: range, width: width)
        for b in 0..<width {
            let values = runs.compactMap { $0[b] }
            guard !values.isEmpty else { continue }
            let n = Double(values.count)
            let mean = values.reduce(0, +) / n
            step.append(grid.centreStep(of: b))
            self.mean.append(mean)
            min.append(values.min()!)
            max.append(values.max()!)
            std.append(values.count < 2 ? nil : (values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / (n - 1)).squareRoot())
            count.append(values.count)
        }
    }
}
