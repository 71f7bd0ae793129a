import Foundation
import LumenBoard
import Testing
@testable import LumenServer

/// The server's smoothing against `Fixtures/smoothing.json` (TensorBoard's rule and the board's
/// other kinds, written by `Scripts/make_smoothing_fixture.py`); `Scripts/check_smoothing.mjs` checks the page's
/// `smoothing.js` against the same file.
@Suite("Smoothing matches the shared fixture")
struct SmoothingFixtureTests {
    struct Fixture: Decodable {
        struct Case: Decodable {
            let name: String
            let kind: String
            let weight: Double
            let steps: [Int64]
            let values: [Number]
            let smoothed: [Number]
        }

        let tolerance: Double
        let cases: [Case]
    }

    /// A number, or "NaN", "Infinity", "-Infinity" (which JSON cannot hold as numbers).
    struct Number: Decodable {
        let value: Double

        init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let number = try? container.decode(Double.self) {
                value = number
            } else {
                let text = try container.decode(String.self)
                guard let number = ["NaN": Double.nan, "Infinity": .infinity, "-Infinity": -.infinity][text] else {
                    throw DecodingError.dataCorruptedError(in: container, debugDescription: "not a number: \(text)")
                }
                value = number
            }
        }
    }

    static let fixture: Fixture = {
        let data = try! Data(contentsOf: URL(fileURLWithPath: serverFixtures + "/smoothing.json"))
        return try! JSONDecoder().decode(Fixture.self, from: data)
    }()

    @Test("ScalarSampling.smoothed gives the fixture's values", arguments: fixture.cases.map(\.name))
    func smoothing(name: String) throws {
        let fixture = Self.fixture
        let c = try #require(fixture.cases.first { $0.name == name })
        let series = ScalarSeries()
        for (step, v) in zip(c.steps, c.values) { series.append(step: step, wallTime: 0, value: v.value) }
        let kind = try #require(ScalarSmoothing(rawValue: c.kind), "kind \(c.kind)")
        let smoothed = ScalarSampling.smoothed(series, kind: kind, weight: c.weight, at: Array(c.values.indices))
        #expect(smoothed.count == c.smoothed.count)
        for (i, (got, want)) in zip(smoothed, c.smoothed.map(\.value)).enumerated() {
            let agrees = got.isNaN ? want.isNaN : (got == want || abs(got - want) <= fixture.tolerance * max(1, abs(want)))
            #expect(agrees, "point \(i): \(got), expected \(want)")
        }
    }
}

@Suite("Smoothing at some points")
struct SmoothingAtIndicesTests {
    @Test("Smoothing at a few points gives the values smoothing at every point gives there",
          arguments: ScalarSmoothing.allCases)
    func subset(kind: ScalarSmoothing) {
        let series = ScalarSeries()
        for i in 0..<500 {
            let step = Int64(i * 3 + (i % 7 == 0 ? 2 : 0))
            series.append(step: step, wallTime: 0, value: i % 50 == 13 ? .nan : Double((i * 37) % 23) - 11)
        }
        let every = ScalarSampling.smoothed(series, kind: kind, weight: 0.9, at: Array(0..<series.count))
        let some = [0, 13, 14, 250, 499]
        let picked = ScalarSampling.smoothed(series, kind: kind, weight: 0.9, at: some)
        #expect(picked.count == some.count)
        for (value, i) in zip(picked, some) {
            #expect(value == every[i] || (value.isNaN && every[i].isNaN), "\(kind) at \(i): \(value) vs \(every[i])")
        }
    }
}
