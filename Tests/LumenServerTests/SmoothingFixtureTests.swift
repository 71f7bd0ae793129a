import Foundation
import LumenBoard
import Testing
@testable import LumenServer

/// The server's smoothing against `Fixtures/smoothing.json` (TensorBoard's rule, written by
/// `Scripts/make_smoothing_fixture.py`); `Scripts/check_smoothing.mjs` checks the page's
/// `smoothing.js` against the same file.
@Suite("Smoothing matches the shared fixture")
struct SmoothingFixtureTests {
    struct Fixture: Decodable {
        struct Case: Decodable {
            let name: String
            let weight: Double
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
        for (i, v) in c.values.enumerated() { series.append(step: Int64(i), wallTime: 0, value: v.value) }
        let smoothed = ScalarSampling.smoothed(series, weight: c.weight, at: Array(c.values.indices))
        #expect(smoothed.count == c.smoothed.count)
        for (i, (got, want)) in zip(smoothed, c.smoothed.map(\.value)).enumerated() {
            let agrees = got.isNaN ? want.isNaN : (got == want || abs(got - want) <= fixture.tolerance * max(1, abs(want)))
            #expect(agrees, "point \(i): \(got), expected \(want)")
        }
    }
}
