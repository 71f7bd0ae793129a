import Hummingbird
import LumenBoard

extension BoardAPI {
    /// The most series one group request may name (their ids fill about 33 KB of the URL).
    static let maximumGroupSeries = 1_000

    /// `GET /api/scalars/group`: several runs' scalar series as one line with a band
    /// (``RunGroupAggregate``) on a grid of `width` buckets over the steps they span, or over
    /// the part of them within `minStep`…`maxStep` (a zoomed chart).
    func scalarGroup(_ request: Request) throws -> Response {
        let q = QueryParameters(request.uri.query)
        let ids = try seriesIDs(q, atMost: Self.maximumGroupSeries, in: "group")
        let width = try q.int("width", in: 1...100_000) ?? 1_000
        let (minStep, maxStep) = (try q.step("minStep"), try q.step("maxStep"))
        if let minStep, let maxStep, minStep > maxStep {
            throw APIError.badRequest("query parameter \"minStep\" (\(minStep)) is after \"maxStep\" (\(maxStep))", parameter: "minStep")
        }
        var addresses: [SeriesAddress] = []
        for id in ids {
            try requireWellFormed(listedID: id)
            addresses.append(try address(ofID: id))
        }
        // The steps every run spans, then each run's buckets over them, a run's lock at a time.
        let spans = try addresses.compactMap { try withSeries($0, \.scalars, "scalars", RunGroupAggregate.span) }
        var j = JSONText()
        j.raw("{"); j.key("series")
        j.array(addresses) { j, address in
            j.raw("{"); j.key("run"); j.string(address.run); j.raw(","); j.key("tag"); j.string(address.tag); j.raw("}")
        }
        if let lowest = spans.map(\.lowerBound).min(), let highest = spans.map(\.upperBound).max(),
           Swift.max(lowest, minStep ?? .min) <= Swift.min(highest, maxStep ?? .max) {
            let range = Swift.max(lowest, minStep ?? .min)...Swift.min(highest, maxStep ?? .max)
            // No more buckets than steps: one step per bucket compares runs at matching steps.
            let buckets = Int(Swift.min(Double(width), StepGrid(range: range, width: width).span))
            let runs = try addresses.map { address in
                try withSeries(address, \.scalars, "scalars") { RunGroupAggregate.bucketValues($0, over: range, width: buckets) }
            }
            let group = RunGroupAggregate(runs: runs, range: range, width: buckets)
            j.raw(","); j.key("step"); j.array(group.step) { $0.number($1) }
            j.raw(","); j.key("mean"); j.array(group.mean) { $0.number($1) }
            j.raw(","); j.key("min"); j.array(group.min) { $0.number($1) }
            j.raw(","); j.key("max"); j.array(group.max) { $0.number($1) }
            j.raw(","); j.key("std"); j.array(group.std) { j, v in if let v { j.number(v) } else { j.raw("null") } }
            j.raw(","); j.key("count"); j.array(group.count) { $0.number($1) }
        } else {
            for key in ["step", "mean", "min", "max", "std", "count"] { j.raw(","); j.key(key); j.raw("[]") }
        }
        j.raw("}")
        return JSONBody(j).response()
    }
}
