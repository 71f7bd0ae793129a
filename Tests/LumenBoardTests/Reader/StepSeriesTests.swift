import Testing
@testable import LumenBoard

/// One series type carries TensorBoard's restart rule for scalars, histograms, images and texts.
@Suite("StepSeries: the restart rule and compact storage")
struct StepSeriesTests {
    @Test("A point at step s drops the points at steps ≥ s, in scalar and point series alike")
    func restartRule() {
        let scalars = ScalarSeries()
        let texts = PointSeries<String>()
        for step: Int64 in [0, 1, 2, 3, 4, 2, 3] {
            scalars.append(step: step, wallTime: Double(step), value: Double(step))
            texts.append("s\(step)", step: step)
        }
        #expect((0..<scalars.count).map { scalars.step($0) } == [0, 1, 2, 3])
        #expect(texts.steps == [0, 1, 2, 3])
        texts.truncate(fromStep: 1)
        scalars.truncate(fromStep: 1)
        #expect(texts.points == ["s0"])
        #expect(scalars.count == 1 && scalars.value(0) == 0)
    }

    @Test("Scalar columns span chunks and cut correctly at chunk edges")
    func chunkEdges() {
        let series = ScalarSeries()
        let n = ScalarColumns.chunkSize * 2 + 5
        for i in 0..<n { series.append(step: Int64(i), wallTime: 1e9 + Double(i), value: Double(i)) }
        #expect(series.count == n)
        #expect(series.step(n - 1) == Int64(n - 1) && series.wallTime(ScalarColumns.chunkSize) == 1e9 + Double(ScalarColumns.chunkSize))
        series.append(step: Int64(ScalarColumns.chunkSize), wallTime: 0, value: -1)
        #expect(series.count == ScalarColumns.chunkSize + 1)
        #expect(series.value(ScalarColumns.chunkSize) == -1)
        var seen = 0
        series.forEachChunk(in: 0..<series.count) { first, steps, _ in
            #expect(first == seen)
            seen += steps.count
        }
        #expect(seen == series.count)
    }

    @Test("A one-point scalar series holds a few bytes, not a chunk reserved ahead")
    func onePointIsSmall() {
        let series = ScalarSeries()
        series.append(step: 0, wallTime: 1.7e9, value: 1)
        #expect(series.residentBytes <= 16 * 20 + 64, "\(series.residentBytes) bytes for one point")
        for i in 1..<ScalarColumns.chunkSize * 3 { series.append(step: Int64(i), wallTime: 0, value: 0) }
        #expect(series.residentBytes <= 20 * ScalarColumns.chunkSize * 3 + 4096, "\(series.residentBytes) bytes")
    }
}
