import Hummingbird

extension BoardAPI {
    /// `GET /api/scalars`: a scalar series, downsampled to `width` and smoothed on request.
    func scalars(_ request: Request) throws -> Response {
        let q = QueryParameters(request.uri.query)
        let address = try seriesAddress(q)
        let width = try q.int("width", in: 1...100_000)
        let smoothing = try q.double("smoothing", in: 0...1)
        let kind = try smoothingKind(q)
        let (minStep, maxStep) = (try q.step("minStep"), try q.step("maxStep"))
        return try withSeries(request, address, \.scalars, "scalars") { series in
            let picked = ScalarSampling.indices(series, minStep: minStep, maxStep: maxStep, width: width)
            var j = JSONText()
            j.raw("{"); j.key("run"); j.string(address.run)
            j.raw(","); j.key("tag"); j.string(address.tag)
            j.raw(","); j.key("total"); j.number(series.count)
            j.raw(","); j.key("downsampled"); j.raw(picked.count < series.count ? "true" : "false")
            j.raw(","); j.key("step"); j.array(picked) { $0.number(series.step($1)) }
            j.raw(","); j.key("wallTime"); j.array(picked) { $0.number(series.wallTime($1)) }
            j.raw(","); j.key("value"); j.array(picked) { $0.number(series.value($1)) }
            if let smoothing {
                j.raw(","); j.key("smoothed")
                j.array(ScalarSampling.smoothed(series, kind: kind, weight: smoothing, at: picked)) { $0.number($1) }
            }
            j.raw("}")
            return JSONBody(j)
        }.response { $0.response() }
    }

    /// The `smoothingKind` parameter: one of ``ScalarSmoothing``'s names, `ema` when absent.
    private func smoothingKind(_ q: QueryParameters) throws -> ScalarSmoothing {
        guard let name = q.optionalString("smoothingKind") else { return .ema }
        guard let kind = ScalarSmoothing(rawValue: name) else {
            let names = ScalarSmoothing.allCases.map(\.rawValue).joined(separator: ", ")
            throw APIError.badRequest("query parameter \"smoothingKind\" must be one of \(names), got \(APIError.quoted(name))",
                                      parameter: "smoothingKind")
        }
        return kind
    }

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
