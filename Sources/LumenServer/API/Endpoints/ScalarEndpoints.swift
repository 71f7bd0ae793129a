import Hummingbird
import LumenBoard

extension BoardAPI {
    /// `GET /api/scalars`: a scalar series, downsampled to `width` and smoothed on request.
    func scalars(_ request: Request) throws -> Response {
        let q = QueryParameters(request.uri.query)
        let address = try seriesAddress(q)
        let query = try ScalarQuery(q)
        return try withSeries(request, address, \.scalars, "scalars") { series in
            var j = JSONText()
            query.write(series, of: address, version: answerVersion(series), to: &j)
            return JSONBody(j)
        }.response { $0.response() }
    }

    /// What stands for a series' points in answers (`version`, and `known` in
    /// `/api/scalars/batch`): this board process and the series' ``StepSeries/version``, which
    /// changes with every point added or dropped. A string: the number may pass 2⁵³.
    func answerVersion(_ series: ScalarSeries) -> String { "\(instance)-\(series.version)" }

    /// `GET /api/scalars/export`: every point of a scalar series as a CSV or JSON download.
    func export(_ request: Request) throws -> Response {
        let q = QueryParameters(request.uri.query)
        let address = try seriesAddress(q)
        let format = q.optionalString("format") ?? "csv"
        guard format == "csv" || format == "json" else {
            throw APIError.badRequest("query parameter \"format\" must be csv or json, got \(APIError.quoted(format))", parameter: "format")
        }
        return try withSeries(request, address, \.scalars, "scalars") { series -> String in
            if format == "csv" {
                var text = "wall_time,step,value\n"
                for i in 0..<series.count { text += "\(series.wallTime(i)),\(series.step(i)),\(series.value(i))\n" }
                return text
            }
            var j = JSONText()
            j.array(0..<series.count) { j, i in
                j.raw("["); j.number(series.wallTime(i)); j.raw(","); j.number(series.step(i)); j.raw(","); j.number(series.value(i)); j.raw("]")
            }
            return j.text
        }.response { text in
            // An ASCII file name of bounded length, whatever the run and tag hold.
            let name = String("\(address.run)_\(address.tag)".prefix(120).map { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") ? $0 : "_" })
            let body = ByteBuffer(string: text)
            let headers: HTTPFields = [
                .contentType: format == "csv" ? "text/csv; charset=utf-8" : "application/json; charset=utf-8",
                .contentLength: String(body.readableBytes),
                .contentDisposition: "attachment; filename=\"\(name).\(format)\"",
            ]
            return Response(status: .ok, headers: headers, body: .init(byteBuffer: body))
        }
    }
}
