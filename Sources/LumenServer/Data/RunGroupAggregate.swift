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
    ///
    /// The scan is the cost of a group request (20 runs × 100,000 points for one group of a
    /// 200-run chart), so it runs over raw buffers with its state in local variables.
    static func bucketValues(_ series: ScalarSeries, over range: ClosedRange<Int64>, width: Int) -> [Double?] {
        let grid = StepGrid(range: range, width: width)
        // A multiplication per point for its bucket; within a millionth of a bucket's edge,
        // StepGrid.bucket(of:)'s own arithmetic decides, so every step lands where it does.
        let span = grid.span, buckets = Double(width), scale = buckets / span
        let first = grid.first
        let lastBucket = width - 1
        var sums = [Double](repeating: 0, count: width)
        var counts = [Int](repeating: 0, count: width)
        // The nearest finite points around each bucket, for buckets the run skips.
        var before = [(step: Double, value: Double)?](repeating: nil, count: width)
        var after = [(step: Double, value: Double)?](repeating: nil, count: width)
        var seen = false
        var lastX = 0.0, lastY = 0.0, lastB = 0
        // Points (in step order) below this distance lie in bucket lastB: one comparison each.
        var sameBucketBelow = -Double.infinity
        let lower = series.index(ofFirstStepAtLeast: range.lowerBound)
        let upper = range.upperBound == .max ? series.count : series.index(ofFirstStepAtLeast: range.upperBound + 1)
        guard lower < upper else { return [Double?](repeating: nil, count: width) }
        sums.withUnsafeMutableBufferPointer { sums in
            counts.withUnsafeMutableBufferPointer { counts in
                series.forEachChunk(in: lower..<upper) { _, steps, values in
                    // Captured variables are boxed and checked on every access: the loop
                    // works on local copies, written back once per chunk.
                    var (seenHere, x0, y0, b0, below) = (seen, lastX, lastY, lastB, sameBucketBelow)
                    // Consecutive points mostly share a bucket: their sum and count stay in
                    // registers until the bucket changes.
                    var openSum = 0.0, openCount = 0
                    steps.withUnsafeBufferPointer { steps in
                        values.withUnsafeBufferPointer { values in
                            for k in 0..<steps.count {
                                let v = values[k]
                                guard v.isFinite else { continue }
                                let offset = steps[k] &- first
                                // An unsigned distance only past Int64's range (a span over 2⁶³ steps).
                                let x = offset >= 0 ? Double(offset) : Double(UInt64(bitPattern: offset)), y = Double(v)
                                var b = b0
                                if x >= below {
                                    let scaled = x * scale
                                    b = Int(scaled)
                                    let within = scaled - Double(b)
                                    if within < 1e-6 || within > 1 - 1e-6 { b = Int(x / span * buckets) }
                                    b = Swift.min(b, lastBucket)
                                    // Short of the next bucket's edge by a relative margin far
                                    // above rounding error.
                                    below = Double(b &+ 1) / scale * (1 - 1e-9)
                                }
                                if b != b0 || !seenHere {
                                    if seenHere {
                                        sums[b0] += openSum
                                        counts[b0] &+= openCount
                                        if b0 &+ 1 < b {
                                            for skipped in (b0 &+ 1)..<b {
                                                before[skipped] = (x0, y0)
                                                after[skipped] = (x, y)
                                            }
                                        }
                                    }
                                    openSum = 0
                                    openCount = 0
                                }
                                openSum += y
                                openCount &+= 1
                                seenHere = true
                                (x0, y0, b0) = (x, y, b)
                            }
                        }
                    }
                    if seenHere, openCount > 0 {
                        sums[b0] += openSum
                        counts[b0] &+= openCount
                    }
                    (seen, lastX, lastY, lastB, sameBucketBelow) = (seenHere, x0, y0, b0, below)
                }
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
