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
        let first = series.step(lower), last = series.step(upper - 1)
        // Steps may span more than Int64 holds (−1 … 2⁶³−1): measure distances from the first
        // step as unsigned, which is exact for any two steps in order.
        func distance(_ step: Int64) -> Double { Double(UInt64(bitPattern: step &- first)) }
        let span = distance(last) + 1
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
                let b = Swift.min(Int(distance(step) / span * Double(width)), width - 1)
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

    /// TensorBoard's smoothing over the whole series: a debiased exponential moving average
    /// (`last = last·w + (1−w)·y`, shown as `last / (1 − wⁿ)`, n counting finite points);
    /// non-finite points, and every point of a constant series, pass through unchanged.
    /// Returns the smoothed values at `indices` (which must be increasing).
    static func smoothed(_ series: ScalarSeries, weight: Double, at indices: [Int]) -> [Double] {
        guard let lastWanted = indices.last else { return [] }
        var isConstant = true
        let firstValue = series.count > 0 ? series.value(0) : 0
        series.forEachChunk(in: 0..<series.count) { _, _, values in
            if isConstant && values.contains(where: { $0 != firstValue }) { isConstant = false }
        }
        var result: [Double] = []
        result.reserveCapacity(indices.count)
        var next = 0
        var last = 0.0
        var finiteCount = 0.0
        series.forEachChunk(in: 0..<(lastWanted + 1)) { start, _, values in
            var i = start
            for value in values {
                let y = Double(value)
                let smooth: Double
                if isConstant || !y.isFinite {
                    smooth = y
                } else {
                    last = last * weight + (1 - weight) * y
                    finiteCount += 1
                    smooth = weight == 1 ? last : last / (1 - Double.pow(weight, finiteCount))
                }
                while next < indices.count && indices[next] == i {
                    result.append(smooth)
                    next += 1
                }
                i += 1
            }
        }
        return result
    }
}

private extension Double {
    static func pow(_ base: Double, _ exponent: Double) -> Double { Foundation.pow(base, exponent) }
}
