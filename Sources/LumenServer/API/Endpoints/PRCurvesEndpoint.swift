import Hummingbird
import LumenBoard

extension BoardAPI {
    /// `GET /api/pr_curves?run=&tag=` (or `series=`): every step of a PR curve with its
    /// thresholds, precision, recall and the four counts.
    func prCurves(_ request: Request) throws -> Response {
        let address = try seriesAddress(QueryParameters(request.uri.query))
        let steps = try withSeries(address, \.prCurves, "PR curves") { Array(zip($0.steps, $0.points)) }
        var j = JSONText()
        j.raw("{"); j.key("run"); j.string(address.run)
        j.raw(","); j.key("tag"); j.string(address.tag)
        j.raw(","); j.key("steps")
        j.array(steps) { j, entry in
            let (step, point) = entry
            j.raw("{"); j.key("step"); j.number(step)
            j.raw(","); j.key("wallTime"); j.number(point.wallTime)
            for (name, column) in [("thresholds", point.thresholds), ("precision", point.precision), ("recall", point.recall),
                                   ("truePositives", point.truePositives), ("falsePositives", point.falsePositives),
                                   ("trueNegatives", point.trueNegatives), ("falseNegatives", point.falseNegatives)] {
                j.raw(","); j.key(name); j.array(column) { $0.number($1) }
            }
            j.raw("}")
        }
        j.raw("}")
        return JSONBody(j).response()
    }
}
