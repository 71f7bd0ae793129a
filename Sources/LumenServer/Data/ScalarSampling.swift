import Foundation
import LumenBoard

/// Picks the points of a scalar series to draw at a given width, and smooths series.
enum ScalarSampling {
    /// Indices of the points to send for `[minStep, maxStep]` at about `width` pixels: all
    /// of them when few enough, else per pixel-wide bucket of steps its first, lowest,
    /// highest and last point — so a one-step spike is never sampled away.
    static func indices(_ series: ScalarSeries, minStep: Int64?, maxStep: Int64?, width: Int?) -> [Int] {
        let lower = minStep.map { series.index(ofFirstStepAtLeast: $0) } ?? 0
        let upper = maxStep.map { $0 == .max ? series.count : series.index(ofFirstStepAtLeast: $0 + 1) } ?? series.count
        guard lower < upper else { return [] }
        guard let width, upper - lower > 4 * width else { return Array(lower..<upper) }
        let grid = StepGrid(range: series.step(lower)...series.step(upper - 1), width: width)
        var picked: [Int] = []
        picked.reserveCapacity(4 * width)
        // The scan is the cost of a chart request (200,000 points for a 400-pixel chart): a
        // point whose step is below `sameBucketBelow` lies in the open bucket, one comparison;
        // only points near an edge ask the grid. Captured variables are boxed and checked on
        // every access, so each chunk works on a local copy of the open bucket.
        var kept = OpenBucket()
        series.forEachChunk(in: lower..<upper) { start, steps, values in
            var open = kept
            steps.withUnsafeBufferPointer { steps in
                values.withUnsafeBufferPointer { values in
                    for k in 0..<steps.count {
                        let i = start &+ k, value = values[k], step = steps[k]
                        if step >= open.sameBucketBelow {
                            let b = grid.bucket(of: step)
                            if b != open.bucket {
                                open.close(into: &picked)
                                open = OpenBucket(bucket: b, index: i, value: value)
                            }
                            open.sameBucketBelow = Self.firstStepPossiblyPast(b, of: grid)
                        }
                        // NaN never wins a comparison; keep it visible by treating it as an extreme.
                        if value < open.minValue || (value.isNaN && !open.minValue.isNaN) { open.minValue = value; open.minIndex = i }
                        if value > open.maxValue || (value.isNaN && !open.maxValue.isNaN) { open.maxValue = value; open.maxIndex = i }
                        open.lastIndex = i
                    }
                }
            }
            kept = open
        }
        kept.close(into: &picked)
        return picked
    }

    /// The bucket being scanned: the indices of its first, lowest, highest and last points.
    private struct OpenBucket {
        var bucket = -1
        var firstIndex = 0, minIndex = 0, maxIndex = 0, lastIndex = 0
        var minValue = Float.infinity, maxValue = -Float.infinity
        /// Steps below this one stay in `bucket`.
        var sameBucketBelow = Int64.min

        init() {}

        init(bucket: Int, index: Int, value: Float) {
            self.bucket = bucket
            (firstIndex, minIndex, maxIndex, lastIndex) = (index, index, index, index)
            (minValue, maxValue) = (value, value)
        }

        /// Appends the bucket's distinct indices in increasing order (nothing before the first bucket).
        func close(into picked: inout [Int]) {
            guard bucket >= 0 else { return }
            var four = (firstIndex, minIndex, maxIndex, lastIndex)
            withUnsafeMutableBytes(of: &four) { raw in
                var xs = raw.bindMemory(to: Int.self)
                xs.sort()
                for k in 0..<4 where k == 0 || xs[k] != xs[k - 1] { picked.append(xs[k]) }
            }
        }
    }

    /// A step below which every step from the start of `bucket` on stays in it: short of the
    /// next bucket's edge by a margin far above rounding error (`Int64.max` in the last bucket).
    private static func firstStepPossiblyPast(_ bucket: Int, of grid: StepGrid) -> Int64 {
        guard bucket < grid.width - 1 else { return .max }
        let edge = (Double(bucket + 1) * grid.span / Double(grid.width) * (1 - 1e-9)).rounded(.down)
        // The edge lies within the range (0 ≤ edge < span), so first + edge does not overflow.
        return Int64(bitPattern: UInt64(bitPattern: grid.first) &+ UInt64(edge))
    }

    /// The series smoothed by `kind` over all its points, at `indices` (which must be increasing).
    static func smoothed(_ series: ScalarSeries, kind: ScalarSmoothing = .ema, weight: Double, at indices: [Int]) -> [Double] {
        var steps: [Int64] = [], values: [Float] = []
        steps.reserveCapacity(series.count)
        values.reserveCapacity(series.count)
        series.forEachChunk(in: 0..<series.count) { _, chunkSteps, chunkValues in
            steps.append(contentsOf: chunkSteps)
            values.append(contentsOf: chunkValues)
        }
        return kind.smoothed(steps: steps, values: values, weight: weight, at: indices)
    }
}
