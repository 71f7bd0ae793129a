import Testing
@testable import LumenBoard

/// Scalar columns store steps and wall times compactly, and give back every one bit for bit.
@Suite("ScalarColumns: compact, exact steps and wall times")
struct ScalarColumnsTests {
    typealias Point = (step: Int64, wallTime: Double, value: Float)

    /// `count` points: step, wall time and value of each from its index.
    private func points(_ count: Int, step: (Int64) -> Int64, wallTime: (Double) -> Double) -> [Point] {
        (0..<count).map { i -> Point in (step(Int64(i)), wallTime(Double(i)), Float(i)) }
    }

    /// Appends `points` and checks that each reads back exactly (wall times by bit pattern).
    @discardableResult
    private func roundTrip(_ points: [Point]) -> ScalarSeries {
        let series = ScalarSeries()
        for point in points { series.append(ScalarPoint(wallTime: point.wallTime, value: point.value), step: point.step) }
        #expect(series.count == points.count)
        for (i, point) in points.enumerated() {
            #expect(series.step(i) == point.step, "step \(i)")
            #expect(series.wallTime(i).bitPattern == point.wallTime.bitPattern, "wall time \(i)")
            #expect(series.value(i).bitPattern == point.value.bitPattern, "value \(i)")
        }
        return series
    }

    @Test("Steps by a stride, then irregular, then too far apart for 32-bit offsets, come back exact")
    func stepsWiden() {
        var all = points(3000, step: { $0 * 5 }, wallTime: { 1.7e9 + $0 * 0.01 })
        all += points(2000, step: { 15_000 + $0 * $0 }, wallTime: { 1.7e9 + 30 + $0 * 0.01 })
        all += [(Int64(1) << 40, 1.7e9 + 60, 1), (Int64.max - 1, 1.7e9 + 61, 2), (Int64.max, 1.7e9 + 62, 3)]
        let series = roundTrip(all)
        var seen: [Int64] = []
        series.forEachChunk(in: 0..<series.count) { _, steps, _ in seen += steps }
        #expect(seen == all.map(\.step))
    }

    @Test("Negative and extreme steps keep their stride form exact, wrapping included")
    func extremeStrides() {
        roundTrip([(Int64.min, 1, 0), (Int64.min + 1, 2, 0), (Int64.max - 1, 3, 0), (Int64.max, 4, 0)])
        roundTrip(points(26, step: { Int64.min + $0 * (Int64.max / 25) }, wallTime: { _ in 1.7e9 }))
    }

    @Test("Wall times far apart, NaN, ±0, ±∞ and the smallest subnormal come back bit for bit")
    func wallTimesWiden() {
        let odd: [Double] = [.nan, -0.0, 0, .infinity, -.infinity, .leastNonzeroMagnitude, 1.7e9 + 86_400 * 365]
        let close = points(100, step: { $0 }, wallTime: { 1.7e9 + $0 * 1e-3 })
        roundTrip(close + odd.enumerated().map { i, t -> Point in (Int64(100 + i), t, 2) })
        roundTrip(odd.enumerated().map { i, t -> Point in (Int64(i), t, .nan) })
    }

    @Test("Cutting a series back and appending again keeps points exact in every form")
    func cutAndGrow() {
        let series = ScalarSeries()
        for i in 0..<10_000 { series.append(step: Int64(i), wallTime: 1.7e9 + Double(i), value: Double(i)) }
        series.truncate(fromStep: 4097)
        series.append(step: 4097, wallTime: 5, value: -1)
        series.append(step: 1 << 50, wallTime: 1.7e9, value: -2)
        #expect(series.count == 4099)
        #expect(series.step(4096) == 4096 && series.wallTime(4096) == 1.7e9 + 4096)
        #expect(series.step(4097) == 4097 && series.wallTime(4097) == 5 && series.value(4097) == -1)
        #expect(series.step(4098) == 1 << 50 && series.wallTime(4098) == 1.7e9)
    }

    @Test("Points logged as training logs them (one every n steps, close in time) take 8 bytes each")
    func eightBytesAPoint() {
        let series = ScalarSeries()
        let n = ScalarColumns.chunkSize * 10
        for i in 0..<n { series.append(step: Int64(i) * 10, wallTime: 1.7e9 + Double(i) * 0.003, value: Double(i)) }
        #expect(series.residentBytes <= 8 * n + 4096, "\(series.residentBytes) bytes for \(n) points")
    }

    @Test("A series' version changes with every point added or dropped, and differs between series")
    func versions() {
        let a = ScalarSeries(), b = ScalarSeries()
        #expect(a.version != b.version)
        var seen: Set<UInt64> = [a.version]
        for step: Int64 in [0, 1, 2] {
            a.append(step: step, wallTime: 0, value: 0)
            #expect(seen.insert(a.version).inserted)
        }
        a.truncate(fromStep: 1)
        #expect(seen.insert(a.version).inserted)
        let unchanged = a.version
        a.truncate(fromStep: 5)
        #expect(a.version == unchanged)
    }
}
