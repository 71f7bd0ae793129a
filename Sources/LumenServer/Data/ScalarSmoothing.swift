import Foundation

/// The smoothing kinds the board offers for a scalar series, the same rules as the page's
/// `smoothing.js` (both are checked against `Tests/LumenServerTests/Fixtures/smoothing.json`,
/// written by `Scripts/make_smoothing_fixture.py`, which states each formula).
///
/// Every kind takes one weight `w` in 0…1 and leaves non-finite points, and every point of a
/// series whose values are all equal, unchanged. Steps are increasing, as a series keeps them.
enum ScalarSmoothing: String, CaseIterable {
    /// TensorBoard's debiased exponential moving average.
    case ema
    /// The exponential average with each point's decay scaled by its step distance from the
    /// previous finite point (`w^(gap / mean gap)`), so uneven logging smooths alike.
    case timeWeightedEMA = "time-ema"
    /// The mean of the finite points within `h` steps either side, `h = (n − 1) / 2 · mean gap`
    /// with `n = (1 + w) / (1 − w)`, the points an exponential average of weight w spans.
    case movingAverage = "moving-average"
    /// The Gaussian-weighted mean of the finite points within 3σ steps, σ = h / 2.
    case gaussian

    /// The smoothed values at `indices` (increasing) of a series given as its steps and values.
    func smoothed(steps: [Int64], values: [Float], weight: Double, at indices: [Int]) -> [Double] {
        guard !indices.isEmpty else { return [] }
        if let first = values.first, values.allSatisfy({ $0 == first }) {
            return indices.map { Double(values[$0]) }
        }
        switch self {
        case .ema, .timeWeightedEMA:
            return averaged(steps: steps, values: values, weight: weight, at: indices)
        case .movingAverage, .gaussian:
            return windowed(steps: steps, values: values, weight: weight, at: indices)
        }
    }

    /// The exponential averages, in one pass up to the last wanted index.
    private func averaged(steps: [Int64], values: [Float], weight: Double, at indices: [Int]) -> [Double] {
        let gap = Self.meanGap(steps: steps, values: values)
        var result: [Double] = []
        result.reserveCapacity(indices.count)
        var next = 0
        var last = 0.0, norm = 0.0, finiteCount = 0.0
        var previousStep: Int64?
        for i in 0...indices[indices.count - 1] {
            let y = Double(values[i])
            var smooth = y
            if y.isFinite {
                var decay = weight
                if self == .timeWeightedEMA, let previousStep {
                    decay = Foundation.pow(weight, StepGrid.distance(from: previousStep, to: steps[i]) / gap)
                }
                last = last * decay + (1 - decay) * y
                finiteCount += 1
                norm = self == .ema ? 1 - Foundation.pow(weight, finiteCount) : norm * decay + (1 - decay)
                previousStep = steps[i]
                smooth = weight == 1 ? last : last / norm
            }
            while next < indices.count && indices[next] == i {
                result.append(smooth)
                next += 1
            }
        }
        return result
    }

    /// The kernel-weighted means around each wanted point, summed in index order.
    private func windowed(steps: [Int64], values: [Float], weight: Double, at indices: [Int]) -> [Double] {
        let half = weight >= 1 ? Double.infinity : ((1 + weight) / (1 - weight) - 1) / 2 * Self.meanGap(steps: steps, values: values)
        let sigma = half / 2
        let reach = self == .gaussian && half.isFinite ? 3 * sigma : half
        func kernel(_ d: Double) -> Double {
            guard self == .gaussian, half > 0, half.isFinite else { return 1 }
            let z = d / sigma
            return Foundation.exp(-0.5 * z * z)
        }
        return indices.map { k in
            let y = Double(values[k])
            guard y.isFinite else { return y }
            var lower = k
            while lower > 0 && StepGrid.distance(from: steps[lower - 1], to: steps[k]) <= reach { lower -= 1 }
            var upper = k
            while upper + 1 < steps.count && StepGrid.distance(from: steps[k], to: steps[upper + 1]) <= reach { upper += 1 }
            var total = 0.0, weights = 0.0
            for j in lower...upper where values[j].isFinite {
                let w = kernel(j < k ? -StepGrid.distance(from: steps[j], to: steps[k]) : StepGrid.distance(from: steps[k], to: steps[j]))
                total += w * Double(values[j])
                weights += w
            }
            return total / weights
        }
    }

    /// The step span of the finite points over their count less one; 1 without a span.
    static func meanGap(steps: [Int64], values: [Float]) -> Double {
        guard let first = values.firstIndex(where: \.isFinite), let last = values.lastIndex(where: \.isFinite),
              first < last else { return 1 }
        let finite = values[first...last].reduce(0) { $1.isFinite ? $0 + 1 : $0 }
        let span = StepGrid.distance(from: steps[first], to: steps[last])
        return span > 0 ? span / Double(finite - 1) : 1
    }
}
