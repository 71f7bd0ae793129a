/// One run's part of a ``LogTable``: the series of the table's kind whose tags it keeps, sorted
/// by tag, and the damage found in the run's files.
public struct RunTable {
    /// The run's name (prefixed by its group's name under a `--logdir-spec`).
    public let run: String
    /// Scalar series (for ``LogTable/Kind/scalars``), by tag.
    public let scalars: [(tag: String, series: ScalarSeries)]
    /// Histogram series (for ``LogTable/Kind/histograms``), by tag.
    public let histograms: [(tag: String, series: PointSeries<HistogramPoint>)]
    /// Text series (for ``LogTable/Kind/text``), by tag, as logged (PyTorch's `/text_summary`
    /// suffix kept).
    public let texts: [(tag: String, series: PointSeries<TextPoint>)]
    /// Damage found in the run's event files: records that could not be read.
    public let damage: [RecordDamage]

    init(run: String, content: RunContent, kind: LogTable.Kind, keepsTag: (String) -> Bool) {
        self.run = run
        func kept<Series>(_ table: [String: Series]) -> [(tag: String, series: Series)] {
            table.filter { keepsTag($0.key) }.sorted { $0.key < $1.key }.map { (tag: $0.key, series: $0.value) }
        }
        scalars = kind == .scalars ? kept(content.scalars) : []
        histograms = kind == .histograms ? kept(content.histograms) : []
        texts = kind == .text ? kept(content.texts) : []
        damage = content.damage
    }

    /// Number of rows: points of the kept series.
    public var rowCount: Int {
        scalars.reduce(0) { $0 + $1.series.count } + histograms.reduce(0) { $0 + $1.series.count }
            + texts.reduce(0) { $0 + $1.series.count }
    }
}
