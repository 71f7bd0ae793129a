import Hummingbird

extension BoardAPI {
    /// One entry of `GET /api/texts`.
    struct TextEntry: Encodable {
        let step: Int64
        let wallTime: Nullable<Double>
        let html: String
    }

    /// The texts of one series.
    struct TextList: Encodable {
        let run: String
        let tag: String
        let texts: [TextEntry]
    }

    /// `GET /api/texts`: every text of a series, its Markdown rendered to sanitized HTML.
    func texts(_ q: QueryParameters) throws -> Response {
        let address = try seriesAddress(q)
        // Copied out under the run's lock and rendered after it (or found already rendered), so a
        // slow text never holds up the run's loading or other requests.
        let entries = try withSeries(address, \.texts, "texts") { series in Array(zip(series.steps, series.points)) }
        let series = address.seriesID
        let texts = entries.enumerated().map { index, entry in
            let (step, point) = entry
            let key = RenderedTextCache.Key(series: series, step: step, index: index)
            return TextEntry(step: step, wallTime: Nullable(finite: point.wallTime), html: renderedTexts.html(for: point.text, at: key))
        }
        return try JSONBody(TextList(run: address.run, tag: address.tag, texts: texts)).response()
    }
}
