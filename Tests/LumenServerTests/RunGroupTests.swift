import Foundation
import LumenBoard
import LumenTestSupport
import Testing
@testable import LumenServer

@Suite("Run groups: a mean with a band over several runs")
struct RunGroupTests {
    static func series(_ points: [(Int64, Double)]) -> ScalarSeries {
        let series = ScalarSeries()
        for (step, value) in points { series.append(step: step, wallTime: 0, value: value) }
        return series
    }

    static func group(_ runs: [ScalarSeries], width: Int) -> RunGroupAggregate {
        let spans = runs.compactMap(RunGroupAggregate.span)
        let range = spans.map(\.lowerBound).min()!...spans.map(\.upperBound).max()!
        return RunGroupAggregate(runs: runs.map { RunGroupAggregate.bucketValues($0, over: range, width: width) },
                                 range: range, width: width)
    }

    @Test("Runs logged at the same steps are compared step by step")
    func matchingSteps() {
        let a = Self.series((0..<10).map { (Int64($0), Double($0)) })
        let b = Self.series((0..<10).map { (Int64($0), Double($0) + 2) })
        let c = Self.series((0..<10).map { (Int64($0), Double($0) + 4) })
        let g = Self.group([a, b, c], width: 10)
        #expect(g.step == (0..<10).map(Double.init))
        #expect(g.mean == (0..<10).map { Double($0) + 2 })
        #expect(g.min == (0..<10).map(Double.init) && g.max == (0..<10).map { Double($0) + 4 })
        #expect(g.std.allSatisfy { $0 == 2 } && g.count.allSatisfy { $0 == 3 })
    }

    @Test("A run logged more sparsely is interpolated at the other run's steps")
    func interpolated() {
        let sparse = Self.series(stride(from: 0, through: 10, by: 2).map { (Int64($0), Double($0)) })
        let dense = Self.series((0...10).map { (Int64($0), 2 * Double($0)) })
        let g = Self.group([sparse, dense], width: 11)
        #expect(g.step == (0...10).map(Double.init))
        #expect(g.mean[1] == 1.5 && g.min[1] == 1 && g.max[1] == 2)
        #expect(g.count.allSatisfy { $0 == 2 })
    }

    @Test("Each grid point counts only the runs that reach it; one run has no deviation")
    func partialRuns() {
        let early = Self.series((0..<5).map { (Int64($0), 1) })
        let late = Self.series((5..<10).map { (Int64($0), 3) })
        let g = Self.group([early, late], width: 10)
        #expect(g.count == [Int](repeating: 1, count: 10))
        #expect(g.std.allSatisfy { $0 == nil })
        #expect(g.mean == [1, 1, 1, 1, 1, 3, 3, 3, 3, 3])
    }

    @Test("Buckets wider than a step average each run's points in them; NaN points are skipped")
    func buckets() {
        let a = Self.series([(0, 1), (1, 3), (2, .nan), (3, 5), (4, 7), (5, 9)])
        let g = Self.group([a], width: 2)
        #expect(g.step == [1, 4])
        #expect(g.mean == [2, 7])
    }

    @Test("Every point is averaged into the bucket StepGrid gives its step, whatever the grid's width")
    func bucketsMatchStepGrid() {
        // Uneven gaps, so that bucket edges fall between steps, on steps and on fractions.
        var points: [(Int64, Double)] = []
        var step: Int64 = 3
        for i in 0..<5_000 {
            points.append((step, Double(i % 17) - 8))
            step += Int64(1 + (i * 7) % 5)
        }
        let series = Self.series(points)
        let range = points.first!.0...points.last!.0
        for width in [1, 3, 7, 100, 1_000, 2_000, 9_999] {
            let grid = StepGrid(range: range, width: width)
            var sums = [Double](repeating: 0, count: width), counts = [Int](repeating: 0, count: width)
            for (step, value) in points {
                sums[grid.bucket(of: step)] += value
                counts[grid.bucket(of: step)] += 1
            }
            let values = RunGroupAggregate.bucketValues(series, over: range, width: width)
            let mismatched = (0..<width).filter { counts[$0] > 0 && values[$0] != sums[$0] / Double(counts[$0]) }
            #expect(mismatched.isEmpty, "width \(width): buckets \(mismatched.prefix(5))")
        }
    }

    @Test("Steps across all of Int64 do not overflow")
    func hugeSteps() {
        let a = Self.series([(.min, 1), (0, 2), (.max, 3)])
        let g = Self.group([a], width: 4)
        #expect(g.mean.count >= 2 && g.mean.first == 1 && g.mean.last == 3)
    }

    @Test("The endpoint answers a group by series ids, and names what it rejects")
    func endpoint() async throws {
        let root = temporaryDirectory()
        for (run, offset) in [("seed0", 0.0), ("seed1", 1.0)] {
            let writer = try SummaryWriter(logDir: root + "/" + run)
            for step in 0..<20 { writer.addScalar("loss", Double(step) + offset, step: step) }
            try writer.close()
        }
        let api = loadedAPI(root)
        try await withBoard(api) { client in
            let ids = [SeriesID.of(run: "seed0", tag: "loss"), SeriesID.of(run: "seed1", tag: "loss")]
            let body = try #require(try await client.json("/api/scalars/group", "series=\(ids.joined(separator: ","))&width=10").body as? [String: Any])
            #expect((body["series"] as? [[String: String]])?.map { $0["run"] } == ["seed0", "seed1"])
            #expect((body["mean"] as? [Double])?.first == 1 && (body["count"] as? [Int])?.allSatisfy { $0 == 2 } == true)
            #expect((body["step"] as? [Double])?.count == 10)

            // A zoomed chart: the grid covers the steps asked for only.
            let zoomed = try #require(try await client.json("/api/scalars/group", "series=\(ids.joined(separator: ","))&width=100&minStep=5&maxStep=9").body as? [String: Any])
            #expect(zoomed["step"] as? [Double] == [5, 6, 7, 8, 9])
            #expect(zoomed["mean"] as? [Double] == [5.5, 6.5, 7.5, 8.5, 9.5])
            let reversed = try await client.error("/api/scalars/group", "series=\(ids[0])&minStep=9&maxStep=5")
            #expect(reversed.status == 400 && reversed.parameter == "minStep")
            let outside = try #require(try await client.json("/api/scalars/group", "series=\(ids[0])&minStep=50&maxStep=60").body as? [String: Any])
            #expect((outside["step"] as? [Double])?.isEmpty == true)

            let malformed = try await client.error("/api/scalars/group", "series=\(ids[0]),nope")
            #expect(malformed.status == 400 && malformed.parameter == "series" && malformed.message.contains("\"nope\""))
            let unknown = try await client.error("/api/scalars/group", "series=\(String(repeating: "0", count: 32))")
            #expect(unknown.status == 404 && unknown.parameter == "series")
            let many = Array(repeating: ids[0], count: BoardAPI.maximumGroupSeries + 1).joined(separator: ",")
            let tooMany = try await client.error("/api/scalars/group", "series=\(many)")
            #expect(tooMany.status == 400 && tooMany.message.contains("at most \(BoardAPI.maximumGroupSeries)"))
        }
    }
}
