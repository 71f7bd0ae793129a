import Testing
@testable import LumenBoard

/// Scalar columns store steps and wall times compactly, and give back every one bit for bit.
@Suite("ScalarColumns: compact, exact steps and wall times")
struct ScalarColumnsTests {
    /// Appends `points` and checks that each reads back exactly (wall times by bit pattern).
    private func roundTrip(_ points: [(step: Int64, wallTime: Double, value: Float)]) -> ScalarSeries {
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
        let regular = (0..<3000).map { (Int64($0) * 5, 1.7e9 + Double($0) * 0.01, Float($0)) }
        let irregular = (0..<2000).map { (15_000 + Int64($0 * $0), 1.7e9 + 30 + Double($0) * 0.01, Float($0)) }
        let far: [(Int64, Double, Float)] = [(Int64(1) << 40, 1.7e9 + 60, 1), (Int64.max - 1, 1.7e9 + 61, 2), (.max, 1.7e9 + 62, 3)]
        let series = roundTrip(regular + irregular + far)
        var seen: [Int64] = []
        series.forEachChunk(in: 0..<series.count) { _, steps, _ in seen += steps }
        #expect(seen == (regular + irregular + far).map(\.0))
    }

    @Test("Negative and extreme steps keep their stride form exact, wrapping included")
    func extremeStrides() {
        _ = roundTrip([(.min, 1, 0), (.min + 1, 2, 0), (.max - 1, 3, 0), (.max, 4, 0)])
        _ = roundTrip((0..<26).map { (Int64.min + Int64($0) * (Int64.max / 25), 1.7e9, 0) })
    }

    @Test("Wall times far apart, NaN, ±0, ±∞ and the smallest subnormal come back bit for bit")
    func wallTimesWiden() {
        let close = (0..<100).map { (Int64($0), 1.7e9 + Double($0) * 1e-3, Float(1)) }
        let odd: [Double] = [.nan, -0.0, 0, .infinity, -.infinity, .leastNonzeroMagnitude, 1.7e9 + 86_400 * 365]
        _ = roundTrip(close + odd.enumerated().map { (Int64(100 + $0), $1, Float(2)) })
        _ = roundTrip(odd.enumerated().map { (Int64($0), $1, Float.nan) })
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
