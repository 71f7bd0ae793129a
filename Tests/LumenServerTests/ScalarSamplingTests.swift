import Foundation
import LumenBoard
import Testing
@testable import LumenServer

@Suite("Scalar downsampling and smoothing")
struct ScalarSamplingTests {
    func series(_ values: [Double]) -> ScalarSeries {
        let s = ScalarSeries()
        for (i, v) in values.enumerated() { s.append(step: Int64(i), wallTime: 1000 + Double(i), value: v) }
        return s
    }

    @Test("A one-point spike in 200,000 survives downsampling to 1,000 pixels")
    func spikeSurvives() {
        var values = [Double](repeating: 1, count: 200_000)
        values[123_457] = 1_000
        values[7] = -50
        let s = series(values)
        let picked = ScalarSampling.indices(s, minStep: nil, maxStep: nil, width: 1_000)
        #expect(picked.count <= 4_000)
        #expect(picked.contains(123_457) && picked.contains(7))
        #expect(picked.first == 0 && picked.last == 199_999)
        #expect(zip(picked, picked.dropFirst()).allSatisfy { $0 < $1 })
    }

    @Test("Steps spanning more than Int64 holds are bucketed, not overflowed", arguments: [
        [-1, 0, 1, 2, 3, Int64.max],
        [Int64.min, -(1 << 62), 0, 1 << 62, Int64.max - 1, Int64.max],
    ])
    func hugeStepSpan(steps: [Int64]) {
        let s = ScalarSeries()
        for (i, step) in steps.enumerated() { s.append(step: step, wallTime: 1000, value: Double(i)) }
        let picked = ScalarSampling.indices(s, minStep: nil, maxStep: nil, width: 1)
        #expect(picked.first == 0 && picked.last == steps.count - 1)
        #expect(zip(picked, picked.dropFirst()).allSatisfy { $0 < $1 })
        #expect(ScalarSampling.indices(s, minStep: Int64.min, maxStep: Int64.max, width: 1) == picked)
    }

    @Test("Each point keeps its own wall time exactly, whatever the first one was",
          arguments: [Double.nan, .infinity, 1e300, -1e10, 1_700_000_000.123456])
    func exactWallTimes(first: Double) {
        let s = ScalarSeries()
        s.append(step: 0, wallTime: first, value: 0)
        s.append(step: 1, wallTime: 1_700_000_000.0, value: 1)
        s.append(step: 2, wallTime: 1_700_000_000.000001, value: 2)
        #expect(s.wallTime(0).bitPattern == first.bitPattern)
        #expect(s.wallTime(1) == 1_700_000_000.0 && s.wallTime(2) == 1_700_000_000.000001)
    }

    @Test("Each pixel's first, lowest, highest and last point are picked, exactly as the grid buckets every step",
          arguments: [(7, 1), (397, 379), (5_000, 64), (50_000, 1_000), (120_000, 3)])
    func picksMatchTheGrid(count: Int, width: Int) {
        var random = SystemRandomNumberGenerator()
        let s = ScalarSeries()
        var step = Int64.random(in: -1_000...1_000, using: &random)
        var steps: [Int64] = [], values: [Float] = []
        for _ in 0..<count {
            step += Int64.random(in: 1...9, using: &random) // uneven gaps put steps near every edge
            let value: Float = Int.random(in: 0..<50, using: &random) == 0 ? .nan : Float.random(in: -1...1, using: &random)
            s.append(step: step, wallTime: 0, value: Double(value))
            steps.append(step)
            values.append(value)
        }
        // The definition, point by point.
        let grid = StepGrid(range: steps[0]...steps[count - 1], width: width)
        var expected: [Int] = []
        var start = 0
        while start < count {
            var end = start
            while end < count && grid.bucket(of: steps[end]) == grid.bucket(of: steps[start]) { end += 1 }
            let bucket = start..<end
            let lowest = bucket.first { values[$0].isNaN } ?? bucket.min { values[$0] < values[$1] }!
            let highest = bucket.first { values[$0].isNaN } ?? bucket.min { values[$0] > values[$1] }!
            expected += Set([start, lowest, highest, end - 1]).sorted()
            start = end
        }
        let picked = ScalarSampling.indices(s, minStep: nil, maxStep: nil, width: width)
        #expect(count <= 4 * width ? picked == Array(0..<count) : picked == expected)
    }

    @Test("A zoomed range keeps only its steps, all of them when few")
    func zoom() {
        let s = series((0..<1_000).map(Double.init))
        #expect(ScalarSampling.indices(s, minStep: 10, maxStep: 19, width: 500) == Array(10...19))
    }
}
