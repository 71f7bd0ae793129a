/// Writes a ``LogTable`` as CSV or JSON Lines, run by run, without holding the text in memory.
///
/// - CSV: a header line, then one line per row, fields quoted per RFC 4180 (a field holding a
///   comma, a quote or a line break is quoted, its quotes doubled); lines end in `\n`.
///   Histogram `counts` and `limits` are JSON arrays in one field each: `"[0.0,3.0]"`.
/// - JSON Lines: one object per row, keys as the CSV header names them.
///
/// Numbers are written in the shortest form that reads back to the same value: a scalar's value
/// as a 32-bit float (`0.1` is the `simple_value` 0.1f), wall times as 64-bit doubles.
/// Non-finite numbers are `nan`, `inf`, `-inf` in CSV and `"NaN"`, `"Infinity"`, `"-Infinity"`
/// in JSON.
///
/// ### Example
/// ```swift
/// let table = try LogTable(logdir: "runs")
/// let writer = LogTableWriter(format: .jsonl, kind: table.kind, output: .standardOutput())
/// let rows = try writer.write(table)
/// ```
public final class LogTableWriter {
    /// How rows are written.
    public enum Format: String, Sendable, CaseIterable {
        case csv, jsonl
    }

    /// The column names, in order, of a table of `kind`.
    public static func columns(of kind: LogTable.Kind) -> [String] {
        switch kind {
        case .scalars, .text: return ["run", "tag", "step", "wall_time", "value"]
        case .histograms: return ["run", "tag", "step", "wall_time", "counts", "limits"]
        }
    }

    public let format: Format
    public let kind: LogTable.Kind
    /// Where the bytes go.
    public let output: TableOutput
    /// Rows written so far.
    public private(set) var rowsWritten = 0
    private var wroteHeader = false
    /// What goes between a row's step and wall time, after a row, and before each later cell.
    private let beforeWallTime: [UInt8]
    private let rowEnd: [UInt8]
    private let beforeCell: [String: [UInt8]]

    /// A writer of rows of `kind` to `output`.
    public init(format: Format, kind: LogTable.Kind, output: TableOutput) {
        self.format = format
        self.kind = kind
        self.output = output
        let csv = format == .csv
        beforeWallTime = Array((csv ? "," : #","wall_time":"#).utf8)
        rowEnd = Array((csv ? "\n" : "}\n").utf8)
        beforeCell = Dictionary(uniqueKeysWithValues: Self.columns(of: kind).dropFirst(4).map { name in
            (name, Array((csv ? "," : ",\"\(name)\":").utf8))
        })
    }

    /// Writes the whole table (header, every run, then flushes) and returns the number of rows.
    /// `onRun` is called after each run is written, with the run's table.
    @discardableResult
    public func write(_ table: LogTable, onBytesRead: @escaping @Sendable (Int64) -> Void = { _ in },
                      onRun: (RunTable) -> Void = { _ in }) throws -> Int {
        try writeHeader()
        try table.forEachRun(onBytesRead: onBytesRead) { part in
            try write(part)
            onRun(part)
        }
        try output.flush()
        return rowsWritten
    }

    /// Writes the CSV header line (nothing for JSON Lines), once.
    public func writeHeader() throws {
        guard !wroteHeader else { return }
        wroteHeader = true
        guard format == .csv else { return }
        try output.append { out in out.append(contentsOf: (Self.columns(of: kind).joined(separator: ",") + "\n").utf8) }
    }

    /// Writes one run's rows (after the header, if not yet written).
    public func write(_ part: RunTable) throws {
        try writeHeader()
        for (tag, series) in part.scalars { try writeScalars(series, prefix: prefix(run: part.run, tag: tag)) }
        for (tag, series) in part.histograms {
            let prefix = prefix(run: part.run, tag: tag)
            for (step, point) in zip(series.steps, series.points) {
                try output.append { out in
                    row(prefix, step: step, wallTime: point.wallTime, into: &out) { out in
                        field("counts", out: &out) { out in arrayCell(point.counts, into: &out) }
                        field("limits", out: &out) { out in arrayCell(point.loggedLimits, into: &out) }
                    }
                }
                rowsWritten += 1
            }
        }
        for (tag, series) in part.texts {
            let prefix = prefix(run: part.run, tag: tag)
            for (step, point) in zip(series.steps, series.points) {
                try output.append { out in
                    row(prefix, step: step, wallTime: point.wallTime, into: &out) { out in
                        field("value", out: &out) { out in
                            if format == .csv { TableText.appendCSV(point.text, to: &out) } else { TableText.appendJSON(point.text, to: &out) }
                        }
                    }
                }
                rowsWritten += 1
            }
        }
    }

    /// Scalars take the most rows by far: one chunk of steps and values at a time, each row
    /// appended without a call through a closure.
    private func writeScalars(_ series: ScalarSeries, prefix: [UInt8]) throws {
        let json = format == .jsonl
        let beforeValue = beforeCell["value"]!
        var failure: Error?
        series.forEachChunk(in: 0..<series.count) { first, steps, values in
            guard failure == nil else { return }
            do {
                try output.append { out in
                    var i = first
                    for (step, value) in zip(steps, values) {
                        out.append(contentsOf: prefix)
                        TableText.append(step, to: &out)
                        out.append(contentsOf: beforeWallTime)
                        TableText.append(series.wallTime(i), json: json, to: &out)
                        out.append(contentsOf: beforeValue)
                        TableText.append(value, json: json, to: &out)
                        out.append(contentsOf: rowEnd)
                        i += 1
                    }
                }
                rowsWritten += steps.count
            } catch {
                failure = error
            }
        }
        if let failure { throw failure }
    }

    /// The bytes every row of one series starts with: `run,tag,` or `{"run":…,"tag":…,"step":`.
    private func prefix(run: String, tag: String) -> [UInt8] {
        var out: [UInt8] = []
        if format == .csv {
            TableText.appendCSV(run, to: &out)
            out.append(UInt8(ascii: ","))
            TableText.appendCSV(tag, to: &out)
            out.append(UInt8(ascii: ","))
        } else {
            out.append(contentsOf: #"{"run":"#.utf8)
            TableText.appendJSON(run, to: &out)
            out.append(contentsOf: #","tag":"#.utf8)
            TableText.appendJSON(tag, to: &out)
            out.append(contentsOf: #","step":"#.utf8)
        }
        return out
    }

    /// One row: the series' prefix, step and wall time, the cells `rest` appends, the row's end.
    private func row(_ prefix: [UInt8], step: Int64, wallTime: Double, into out: inout [UInt8], rest: (inout [UInt8]) -> Void) {
        out.append(contentsOf: prefix)
        TableText.append(step, to: &out)
        out.append(contentsOf: beforeWallTime)
        TableText.append(wallTime, json: format == .jsonl, to: &out)
        rest(&out)
        out.append(contentsOf: rowEnd)
    }

    /// A cell after the wall time: `,cell` in CSV, `,"name":cell` in JSON.
    private func field(_ name: String, out: inout [UInt8], cell: (inout [UInt8]) -> Void) {
        out.append(contentsOf: beforeCell[name]!)
        cell(&out)
    }

    /// A list of numbers: a JSON array, in CSV as one quoted field.
    private func arrayCell(_ numbers: [Double], into out: inout [UInt8]) {
        var array: [UInt8] = []
        TableText.appendJSONArray(numbers, to: &array)
        if format == .csv {
            TableText.appendCSV(String(decoding: array, as: UTF8.self), to: &out)
        } else {
            out.append(contentsOf: array)
        }
    }
}
