/// One scalar point of a ``LogTable``.
public struct ScalarRow: Sendable, Equatable {
    public let run: String
    public let tag: String
    public let step: Int64
    /// Seconds since 1970, as logged.
    public let wallTime: Double
    /// The value as logged (32-bit, as `simple_value` is).
    public let value: Float
}

/// One histogram of a ``LogTable``: its buckets' counts and right edges as logged.
public struct HistogramRow: Sendable, Equatable {
    public let run: String
    public let tag: String
    public let step: Int64
    public let wallTime: Double
    /// Each bucket's count.
    public let counts: [Double]
    /// Each bucket's right edge (`bucket_limit`).
    public let limits: [Double]
}

/// One text summary of a ``LogTable``.
public struct TextRow: Sendable, Equatable {
    public let run: String
    public let tag: String
    public let step: Int64
    public let wallTime: Double
    public let text: String
}

extension LogTable {
    /// Every scalar row, in run, tag and step order, in memory (for tests and notebooks; write
    /// large tables with ``LogTableWriter`` instead). Empty unless ``kind`` is
    /// ``Kind/scalars``.
    public func scalarRows() throws -> [ScalarRow] {
        var rows: [ScalarRow] = []
        try forEachRun { part in
            for (tag, series) in part.scalars {
                for i in 0..<series.count {
                    rows.append(ScalarRow(run: part.run, tag: tag, step: series.step(i), wallTime: series.wallTime(i), value: series.value(i)))
                }
            }
        }
        return rows
    }

    /// Every histogram row, in run, tag and step order. Empty unless ``kind`` is
    /// ``Kind/histograms``.
    public func histogramRows() throws -> [HistogramRow] {
        var rows: [HistogramRow] = []
        try forEachRun { part in
            for (tag, series) in part.histograms {
                for (step, point) in zip(series.steps, series.points) {
                    rows.append(HistogramRow(run: part.run, tag: tag, step: step, wallTime: point.wallTime,
                                             counts: point.counts, limits: point.loggedLimits))
                }
            }
        }
        return rows
    }

    /// Every text row, in run, tag and step order. Empty unless ``kind`` is ``Kind/text``.
    public func textRows() throws -> [TextRow] {
        var rows: [TextRow] = []
        try forEachRun { part in
            for (tag, series) in part.texts {
                for (step, point) in zip(series.steps, series.points) {
                    rows.append(TextRow(run: part.run, tag: tag, step: step, wallTime: point.wallTime, text: point.text))
                }
            }
        }
        return rows
    }
}
