import Foundation
import LumenTestSupport
import Testing
@testable import LumenBoard

/// `LogTable` gives every point the writers logged, exactly, in run, tag and step order.
@Suite("LogTable: every point of a log directory as rows")
struct LogTableTests {
    /// Two runs written by Lumen: "a" with two scalar tags (one with a comma, a quote and a line
    /// break in its name), "b/c" with one, 1,000 points each at full-precision wall times.
    static func lumenLogdir() throws -> (dir: String, expected: [ScalarRow]) {
        let dir = temporaryDirectory()
        var expected: [ScalarRow] = []
        for (run, tags) in [("a", ["loss", "odd, \"tag\"\nname"]), ("b/c", ["loss"])] {
            let writer = try SummaryWriter(logDir: dir + "/" + run)
            for step in 0..<1_000 {
                for tag in tags {
                    let value = Float(step) * 0.1 - 3.3
                    let wallTime = 1_700_000_000.123456789 + Double(step) / 3
                    writer.addScalar(tag, value, step: step, wallTime: wallTime)
                }
            }
            try writer.close()
            for tag in tags.sorted() {
                for step in 0..<1_000 {
                    expected.append(ScalarRow(run: run, tag: tag, step: Int64(step),
                                              wallTime: 1_700_000_000.123456789 + Double(step) / 3,
                                              value: Float(step) * 0.1 - 3.3))
                }
            }
        }
        return (dir, expected)
    }

    @Test("Every scalar Lumen wrote comes back with its exact wall time and 32-bit value")
    func lumenScalars() throws {
        let (dir, expected) = try Self.lumenLogdir()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let rows = try LogTable(logdir: dir).scalarRows()
        #expect(rows.count == 3_000)
        #expect(rows == expected)
    }

    @Test("--runs and --tags keep names a regular expression matches anywhere")
    func filters() throws {
        let (dir, expected) = try Self.lumenLogdir()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        #expect(try LogTable(logdir: dir, runs: "^b/").scalarRows() == expected.filter { $0.run == "b/c" })
        #expect(try LogTable(logdir: dir, tags: "odd").scalarRows() == expected.filter { $0.tag.hasPrefix("odd") })
        #expect(try LogTable(logdir: dir, runs: "a", tags: "^loss$").scalarRows() == expected.filter { $0.run == "a" && $0.tag == "loss" })
        #expect(try LogTable(logdir: dir, tags: "nothing").scalarRows().isEmpty)
    }

    @Test("A bad expression and a missing directory are errors that name them")
    func errors() throws {
        #expect(throws: LogTableError.self) { try LogTable(logdir: "/tmp", tags: "(") }
        do {
            _ = try LogTable(logdir: "/tmp", runs: "[z-a]")
            Issue.record("an inverted range compiled")
        } catch let error as LogTableError {
            #expect("\(error)".contains("--runs \"[z-a]\""))
        }
        let missing = temporaryDirectory() + "/missing"
        do {
            _ = try LogTable(logdir: missing).scalarRows()
            Issue.record("a missing directory was read")
        } catch let error as LogTableError {
            #expect("\(error)".contains(missing))
        }
    }

    @Test("Scalars of the torch and tensorboardX fixtures are their events' values, after the board's restart rule")
    func fixtureScalars() throws {
        for writer in ["torch", "tensorboardX"] {
            let root = compatFixtures + "/" + writer
            let rows = try LogTable(logdir: root).scalarRows()
            var expected: [ScalarRow] = []
            for run in try LogdirScanner.runs(in: root) {
                let directory = run.name == "." ? root : root + "/" + run.name
                var byTag: [String: [ScalarRow]] = [:]
                for event in try readEvents(inRun: directory) {
                    for value in event.summary.value where ValueKind(value) == .scalar {
                        // A step at or below one logged before replaces the points from it on.
                        byTag[value.tag]?.removeAll { $0.step >= event.step }
                        byTag[value.tag, default: []].append(ScalarRow(
                            run: run.name, tag: value.tag, step: event.step, wallTime: event.wallTime,
                            value: Float(SummaryDecoding.scalar(value)!)))
                    }
                }
                for tag in byTag.keys.sorted() { expected += byTag[tag]! }
            }
            #expect(!rows.isEmpty)
            #expect(rows.count == expected.count, "\(writer)")
            for (row, want) in zip(rows, expected) {
                #expect(row.run == want.run && row.tag == want.tag && row.step == want.step, "\(writer)")
                #expect(row.wallTime.bitPattern == want.wallTime.bitPattern, "\(writer) \(row.tag) \(row.step)")
                #expect(row.value.bitPattern == want.value.bitPattern || (row.value.isNaN && want.value.isNaN), "\(writer) \(row.tag) \(row.step)")
            }
        }
    }

    @Test("Histograms of the torch fixture come back with bucket_limit and bucket as logged")
    func fixtureHistograms() throws {
        let root = compatFixtures + "/torch"
        let rows = try LogTable(logdir: root, kind: .histograms).histogramRows()
        var logged: [String: [(step: Int64, proto: TBHistogramProto)]] = [:]
        for event in try readEvents(inRun: root) {
            for value in event.summary.value {
                if case .histo(let proto) = value.value { logged[value.tag, default: []].append((event.step, proto)) }
            }
        }
        #expect(rows.count == logged.values.reduce(0) { $0 + $1.count })
        #expect(rows.count > 0)
        for row in rows {
            let proto = try #require(logged[row.tag]?.first { $0.step == row.step }?.proto)
            #expect(row.limits == proto.bucketLimit, "\(row.tag)")
            #expect(row.counts == proto.bucket, "\(row.tag)")
        }
    }

    @Test("Text rows hold each text as written, under its logged tag")
    func texts() throws {
        let dir = temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let writer = try SummaryWriter(logDir: dir)
        writer.addText("notes", "first, \"quoted\"\nline two", step: 1, wallTime: 1_700_000_000.5)
        writer.addText("notes", "naïve — 日本", step: 2, wallTime: 1_700_000_001.25)
        try writer.close()
        let rows = try LogTable(logdir: dir, kind: .text).textRows()
        #expect(rows == [
            TextRow(run: ".", tag: "notes/text_summary", step: 1, wallTime: 1_700_000_000.5, text: "first, \"quoted\"\nline two"),
            TextRow(run: ".", tag: "notes/text_summary", step: 2, wallTime: 1_700_000_001.25, text: "naïve — 日本"),
        ])
        #expect(try LogTable(logdir: dir, kind: .text).scalarRows().isEmpty)
    }
}
