import Hummingbird

extension BoardAPI {
    /// One entry of `GET /api/texts`.
    struct TextEntry: Encodable {
        let step: Int64
        let wallTime: Nullable<Double>
        /// The text as it was logged.
        let text: String
        /// The text's Markdown rendered to sanitized HTML.
        let html: String
    }

    /// The texts of one series.
    struct TextList: Encodable {
        let run: String
        let tag: String
        let texts: [TextEntry]
    }

    /// `GET /api/texts`: every text of a series as logged, and its Markdown rendered to sanitized HTML.
    func texts(_ request: Request) throws -> Response {
        let address = try seriesAddress(QueryParameters(request.uri.query))
        let series = address.seriesID
        // Copied out under the run's lock and rendered after it (or found already rendered), so a
        // slow text never holds up the run's loading or other requests.
        return try withSeries(request, address, \.texts, "texts") { series in Array(zip(series.steps, series.points)) }.response { entries in
            let texts = entries.enumerated().map { index, entry in
                let (step, point) = entry
                let key = RenderedTextCache.Key(series: series, step: step, index: index)
                return TextEntry(step: step, wallTime: Nullable(finite: point.wallTime), text: point.text,
                                 html: renderedTexts.html(for: point.text, at: key))
            }
            return try JSONBody(TextList(run: address.run, tag: address.tag, texts: texts)).response()
        }
    }
}
