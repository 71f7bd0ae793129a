import LumenBoard

/// What a request asks of a scalar series (`/api/scalars` and `/api/scalars/batch`): `width`
/// pixel columns to downsample to, the `minStep`…`maxStep` range of a zoomed chart, and a
/// `smoothing` weight with its `smoothingKind`.
struct ScalarQuery {
    let width: Int?
    let smoothing: Double?
    let kind: ScalarSmoothing
    let minStep: Int64?
    let maxStep: Int64?

    init(_ q: QueryParameters) throws {
        width = try q.int("width", in: 1...100_000)
        smoothing = try q.double("smoothing", in: 0...1)
        kind = try Self.smoothingKind(q)
        (minStep, maxStep) = (try q.step("minStep"), try q.step("maxStep"))
    }

    /// Writes the series' answer: its run and tag, `version` (``BoardAPI/answerVersion(_:)``),
    /// point count, whether it was downsampled, and the steps, wall times and values picked
    /// (with their smoothed values when asked).
    func write(_ series: ScalarSeries, of address: SeriesAddress, version: String, to j: inout JSONText) {
        let picked = ScalarSampling.indices(series, minStep: minStep, maxStep: maxStep, width: width)
        j.raw("{"); j.key("run"); j.string(address.run)
        j.raw(","); j.key("tag"); j.string(address.tag)
        j.raw(","); j.key("version"); j.string(version)
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
    }

    /// The `smoothingKind` parameter: one of ``ScalarSmoothing``'s names, `ema` when absent.
    private static func smoothingKind(_ q: QueryParameters) throws -> ScalarSmoothing {
        guard let name = q.optionalString("smoothingKind") else { return .ema }
        guard let kind = ScalarSmoothing(rawValue: name) else {
            let names = ScalarSmoothing.allCases.map(\.rawValue).joined(separator: ", ")
            throw APIError.badRequest("query parameter \"smoothingKind\" must be one of \(names), got \(APIError.quoted(name))",
                                      parameter: "smoothingKind")
        }
        return kind
    }
}
