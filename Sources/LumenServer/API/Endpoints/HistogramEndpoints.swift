import Hummingbird

extension BoardAPI {
    /// `GET /api/histograms`: every histogram of a series, buckets as (left, right, count).
    func histograms(_ request: Request) throws -> Response {
        let address = try seriesAddress(QueryParameters(request.uri.query))
        return try withSeries(request, address, \.histograms, "histograms") { series in
            var j = JSONText()
            j.raw("{"); j.key("run"); j.string(address.run); j.raw(","); j.key("tag"); j.string(address.tag)
            j.raw(","); j.key("histograms")
            j.array(zip(series.steps, series.points)) { j, item in
                let (step, h) = item
                j.raw("{"); j.key("step"); j.number(step)
                j.raw(","); j.key("wallTime"); j.number(h.wallTime)
                j.raw(","); j.key("min"); j.number(h.min); j.raw(","); j.key("max"); j.number(h.max)
                j.raw(","); j.key("num"); j.number(h.num); j.raw(","); j.key("sum"); j.number(h.sum)
                j.raw(","); j.key("buckets")
                j.array(h.buckets) { j, b in
                    j.raw("["); j.number(b.left); j.raw(","); j.number(b.right); j.raw(","); j.number(b.count); j.raw("]")
                }
                j.raw("}")
            }
            j.raw("}")
            return JSONBody(j)
        }.response { $0.response() }
    }

    /// `GET /api/distributions`: each histogram of a series compressed to TensorBoard's basis points.
    func distributions(_ request: Request) throws -> Response {
        let address = try seriesAddress(QueryParameters(request.uri.query))
        return try withSeries(request, address, \.histograms, "histograms") { series in
            var j = JSONText()
            j.raw("{"); j.key("run"); j.string(address.run); j.raw(","); j.key("tag"); j.string(address.tag)
            j.raw(","); j.key("basisPoints"); j.array(DistributionCompression.basisPoints) { $0.number(Int($1)) }
            j.raw(","); j.key("distributions")
            j.array(zip(series.steps, series.points)) { j, item in
                j.raw("{"); j.key("step"); j.number(item.0)
                j.raw(","); j.key("wallTime"); j.number(item.1.wallTime)
                j.raw(","); j.key("values"); j.array(DistributionCompression.compress(item.1)) { $0.number($1) }
                j.raw("}")
            }
            j.raw("}")
            return JSONBody(j)
        }.response { $0.response() }
    }
}
