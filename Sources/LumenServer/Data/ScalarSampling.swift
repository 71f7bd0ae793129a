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
        var bucket = -1
        var firstIndex = 0, minIndex = 0, maxIndex = 0, lastIndex = 0
        var minValue = Float.infinity, maxValue = -Float.infinity
        func flush() {
            guard bucket >= 0 else { return }
            for i in Set([firstIndex, minIndex, maxIndex, lastIndex]).sorted() { picked.append(i) }
        }
        series.forEachChunk(in: lower..<upper) { start, steps, values in
            var i = start
            for (step, value) in zip(steps, values) {
                let b = grid.bucket(of: step)
                if b != bucket {
                    flush()
                    bucket = b
                    firstIndex = i; minIndex = i; maxIndex = i
                    minValue = value; maxValue = value
                }
                // NaN never wins a comparison; keep it visible by treating it as an extreme.
                if value < minValue || (value.isNaN && !minValue.isNaN) { minValue = value; minIndex = i }
                if value > maxValue || (value.isNaN && !maxValue.isNaN) { maxValue = value; maxIndex = i }
                lastIndex = i
                i += 1
            }
        }
        flush()
        return picked
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
