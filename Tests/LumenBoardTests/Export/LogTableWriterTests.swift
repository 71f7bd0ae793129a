import Foundation
import LumenTestSupport
import Testing
@testable import LumenBoard

/// What `lumen export` writes: RFC 4180 CSV and JSON Lines whose numbers read back exactly.
@Suite("LogTableWriter: CSV and JSON Lines")
struct LogTableWriterTests {
    /// Writes `table` to a file in `format` and returns the file's text.
    static func export(_ table: LogTable, format: LogTableWriter.Format) throws -> String {
        let path = temporaryDirectory() + "/table." + format.rawValue
        try LogTableWriter(format: format, kind: table.kind, output: TableOutput(path: path)).write(table)
        return try String(contentsOfFile: path, encoding: .utf8)
    }

    /// Splits RFC 4180 CSV into records of fields (quoted fields may hold commas, doubled quotes
    /// and line breaks).
    static func parseCSV(_ text: String) -> [[String]] {
        var records: [[String]] = [], record: [String] = [], field = "", quoted = false
        var characters = Array(text)[...]
        while let c = characters.popFirst() {
            if quoted {
                if c == "\"" {
                    if characters.first == "\"" { field.append("\""); characters.removeFirst() } else { quoted = false }
                } else { field.append(c) }
            } else if c == "\"" { quoted = true
            } else if c == "," { record.append(field); field = ""
            } else if c == "\n" { record.append(field); records.append(record); record = []; field = ""
            } else { field.append(c) }
        }
        return records
    }

    @Test("CSV: the header, fields quoted per RFC 4180, and numbers that parse back to the logged bits")
    func csvScalars() throws {
        let (dir, expected) = try LogTableTests.lumenLogdir()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let text = try Self.export(LogTable(logdir: dir), format: .csv)
        #expect(text.contains("\na,\"odd, \"\"tag\"\"\nname\",0,"))
        let records = Self.parseCSV(text)
        #expect(records.first == ["run", "tag", "step", "wall_time", "value"])
        let rows = records.dropFirst().map { f in
            ScalarRow(run: f[0], tag: f[1], step: Int64(f[2])!, wallTime: Double(f[3])!, value: Float(f[4])!)
        }
        #expect(rows == expected)
    }

    @Test("JSON Lines: one object per row, strings escaped, numbers exact")
    func jsonlScalars() throws {
        let (dir, expected) = try LogTableTests.lumenLogdir()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let text = try Self.export(LogTable(logdir: dir), format: .jsonl)
        let lines = text.split(separator: "\n")
        #expect(lines.count == expected.count)
        for (line, want) in zip(lines, expected) {
            let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            #expect(object["run"] as? String == want.run)
            #expect(object["tag"] as? String == want.tag)
            #expect((object["step"] as? NSNumber)?.int64Value == want.step)
            // JSONSerialization may round through Decimal: read the number's own text instead.
            let wallText = line.split(separator: "\"wall_time\":")[1].split(separator: ",")[0]
            let valueText = line.split(separator: "\"value\":")[1].dropLast()
            #expect(Double(String(wallText)) == want.wallTime)
            #expect(Float(String(valueText)) == want.value)
        }
    }

    @Test("Non-finite values: nan and inf in CSV, protobuf JSON's strings in JSON Lines")
    func nonFinite() throws {
        let dir = temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let writer = try SummaryWriter(logDir: dir)
        for (step, value) in [Float.nan, .infinity, -.infinity, -0.0, 1e-40].enumerated() {
            writer.addScalar("x", value, step: step, wallTime: 1_700_000_000)
        }
        try writer.close()
        let csv = try Self.export(LogTable(logdir: dir), format: .csv)
        #expect(csv.split(separator: "\n").map { $0.split(separator: ",").last! } == ["value", "nan", "inf", "-inf", "-0.0", "1e-40"])
        let jsonl = try Self.export(LogTable(logdir: dir), format: .jsonl)
        #expect(jsonl.split(separator: "\n").map { $0.split(separator: ":").last! } == ["\"NaN\"}", "\"Infinity\"}", "\"-Infinity\"}", "-0.0}", "1e-40}"])
    }

    @Test("Histograms: one row per histogram, counts and limits as JSON arrays (quoted in CSV)")
    func histograms() throws {
        let table = try LogTable(logdir: compatFixtures + "/torch", kind: .histograms)
        let expected = try table.histogramRows()
        let records = Self.parseCSV(try Self.export(table, format: .csv))
        #expect(records.first == ["run", "tag", "step", "wall_time", "counts", "limits"])
        #expect(records.count == expected.count + 1)
        for (fields, want) in zip(records.dropFirst(), expected) {
            let counts = try JSONSerialization.jsonObject(with: Data(fields[4].utf8)) as? [Double]
            #expect(counts == want.counts)
            let limitsText = fields[5].dropFirst().dropLast().split(separator: ",").map { Double(String($0))! }
            #expect(limitsText == want.limits)
        }
    }

    @Test("Text: any text survives CSV quoting and JSON escaping")
    func texts() throws {
        let dir = temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let writer = try SummaryWriter(logDir: dir)
        let text = "a, \"b\"\r\nc\td\u{1}\\ — 日本"
        writer.addText("t", text, step: 0, wallTime: 1_700_000_000)
        try writer.close()
        let table = try LogTable(logdir: dir, kind: .text)
        #expect(Self.parseCSV(try Self.export(table, format: .csv)).last?.last == text)
        let line = try Self.export(table, format: .jsonl)
        let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
        #expect(object?["value"] as? String == text)
    }

    @Test("An unwritable output names its path")
    func unwritable() {
        let path = temporaryDirectory() + "/no/such/dir/out.csv"
        #expect(throws: TableOutputError.cannotOpen(path: path, reason: "No such file or directory")) { try TableOutput(path: path) }
    }
}
