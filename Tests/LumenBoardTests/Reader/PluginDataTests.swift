import Foundation
import LumenFixtures
import LumenTestSupport
import Testing
@testable import LumenBoard

/// The loader keeps the data of the hparams, PR-curves and custom-scalars plugins, from torch's
/// logs (`Scripts/make_compare_fixtures.py`) and from Lumen's own writer alike, and skips a
/// malformed plugin value with a note among the run's damage.
@Suite("Plugin data: hparams, PR curves, custom scalars")
struct PluginDataTests {
    static let fixtures = Bundle.module.resourcePath! + "/Fixtures/compare"
    let manifest: CompareManifest
    /// Lumen's writer given the manifest's calls, in the fixtures' layout.
    let lumen: String

    init() throws {
        manifest = try CompareManifest(directory: Self.fixtures)
        lumen = temporaryDirectory()
        try manifest.writeAll(into: lumen)
    }

    static func load(_ dir: String) -> LogdirStore {
        let store = LogdirStore(root: dir)
        store.reload()
        return store
    }

    @Test("PR curves: every step of every tag, the six rows as torch wrote them", arguments: ["torch", "lumen"])
    func prCurves(writer: String) throws {
        let store = Self.load((writer == "torch" ? Self.fixtures : lumen) + "/pr_curves")
        let run = try #require(store.run(named: "."))
        let curves = run.read { $0.prCurves }
        #expect(curves.keys.sorted() == manifest.prCurves.map(\.tag).sorted())
        #expect(run.read { $0.damage }.isEmpty)
        for call in manifest.prCurves {
            let series = try #require(curves[call.tag])
            #expect(series.steps == [Int64(call.step)])
            let point = series.points[0]
            #expect(point.count == min(call.numThresholds, 127), "\(call.tag): \(point.count) thresholds")
            #expect(point.thresholds.first == 0 && point.thresholds.last == 1)
            if let counts = call.counts {
                #expect(point.truePositives == counts[0].map { Double(Float($0)) })
                #expect(point.recall == counts[5].map { Double(Float($0)) })
            } else {
                let positives = zip(call.labels!, call.weights ?? Array(repeating: 1, count: call.labels!.count))
                    .reduce(0.0) { $0 + Double($1.0) * $1.1 }
                // At threshold 0 every prediction is positive: tp counts every positive label.
                #expect(abs(point.truePositives[0] - positives) < 1e-3, "\(call.tag): tp[0] \(point.truePositives[0]) vs \(positives)")
                #expect(point.falseNegatives[0] == 0 && point.recall[0] == 1)
            }
        }
    }

    @Test("PR curves read from torch's log and from Lumen's are the same numbers")
    func prCurvesAlike() throws {
        let torch = try #require(Self.load(Self.fixtures + "/pr_curves").run(named: ".")).read { $0.prCurves }
        let ours = try #require(Self.load(lumen + "/pr_curves").run(named: ".")).read { $0.prCurves }
        for (tag, series) in torch {
            let mine = try #require(ours[tag])
            #expect(mine.points.map(\.precision) == series.points.map(\.precision), "\(tag)")
            #expect(mine.points.map(\.falsePositives) == series.points.map(\.falsePositives), "\(tag)")
        }
    }

    @Test("Custom scalars: the layout's categories, multiline and margin charts", arguments: ["torch", "lumen"])
    func customScalars(writer: String) throws {
        let store = Self.load((writer == "torch" ? Self.fixtures : lumen) + "/custom_scalars")
        let layout = try #require(store.run(named: ".")?.read { $0.customScalarLayout })
        #expect(layout.category.map(\.title) == ["Taiwan", "USA", "losses"])
        let usa = layout.category[1]
        #expect(usa.chart.map(\.title) == ["dow", "nasdaq"])
        #expect(usa.chart[0].margin.series.map { [$0.value, $0.lower, $0.upper] } == [["dow/aaa", "dow/bbb", "dow/ccc"]])
        #expect(layout.category[2].chart[0].multiline.tag == ["loss/.*"])
    }

    @Test("Hparams in PyTorch's layout: each sub-run is a session with its values and experiment", arguments: ["torch", "lumen"])
    func hparamsSubRuns(writer: String) throws {
        let store = Self.load((writer == "torch" ? Self.fixtures : lumen) + "/hparams")
        for call in manifest.hparams {
            let hparams = try #require(store.run(named: call.runName)?.read { $0.hparams })
            let start = try #require(hparams.sessionStart, "\(call.runName)")
            #expect(start.hparams.keys.sorted() == call.hparams.keys.sorted())
            #expect(hparams.experiment?.metricInfos.map(\.name.tag).sorted() == call.metrics.keys.sorted())
            #expect(hparams.sessionEnd?.status == .success)
            let scalars = try #require(store.run(named: call.runName)).read { $0.scalars }
            for (tag, value) in call.metrics {
                #expect(scalars[tag]?.value(0) == Float(value), "\(call.runName) \(tag)")
            }
        }
    }

    @Test("Hparams in the writer's own run: a session beside the run's curves")
    func hparamsOwnRun() throws {
        let store = Self.load(lumen + "/hparams_own_run")
        for call in manifest.hparams {
            let run = try #require(store.run(named: call.runName))
            #expect(run.read { $0.hparams.sessionStart?.hparams.keys.sorted() } == call.hparams.keys.sorted())
            #expect(run.read { $0.scalars["train/loss"]?.count } == 5)
        }
    }

    @Test("A malformed PR curve, layout or hparams record is skipped and named; the rest of its event is kept")
    func malformedPluginData() throws {
        func value(_ tag: String, plugin: String, _ fill: (inout TBSummary.Value) -> Void) -> TBSummary.Value {
            var v = TBSummary.Value()
            v.tag = tag
            v.metadata.pluginData.pluginName = plugin
            fill(&v)
            return v
        }
        var shortCurve = TBTensorProto()
        shortCurve.dtype = .dtFloat
        shortCurve.tensorShape.dim = [Int64(6), 3].map { size in var d = TBTensorShapeProto.Dim(); d.size = size; return d }
        shortCurve.floatVal = Array(repeating: 0.5, count: 17)
        var badLayout = TBTensorProto()
        badLayout.dtype = .dtString
        badLayout.stringVal = [Data([0x0A, 0xFF])]
        var event = TBEvent()
        event.step = 3
        event.summary.value = [
            value("pr/short", plugin: "pr_curves") { $0.tensor = shortCurve },
            value("custom_scalars__config__", plugin: "custom_scalars") { $0.tensor = badLayout },
            value("_hparams_/session_start_info", plugin: "hparams") { $0.metadata.pluginData.content = Data([0x1A, 0x05, 0x01]) },
            value("_hparams_/experiment", plugin: "hparams") { $0.metadata.pluginData.content = Data([0x08, 0x00]) },
            value("loss", plugin: "scalars") { $0.simpleValue = 0.25 },
        ]
        let (dir, _) = runDirectory(records: [try event.serializedBytes() as [UInt8]])
        let run = try #require(loadRun(dir))
        let damage: [RecordDamage] = run.read { $0.damage }
        #expect(damage.count == 4)
        let described: [String] = damage.map { $0.description }
        #expect(described[0].contains("pr_curves data of tag \"pr/short\"") && described[0].contains("17 numbers"), "\(described[0])")
        #expect(described[1].contains("custom_scalars data") && described[1].contains("not a Layout"), "\(described[1])")
        #expect(described[2].contains("hparams data of tag \"_hparams_/session_start_info\""), "\(described[2])")
        #expect(described[3].contains("no experiment, session start or session end"), "\(described[3])")
        #expect(run.read { $0.prCurves.isEmpty && $0.customScalarLayout == nil && $0.hparams.isEmpty })
        #expect(run.read { $0.scalars["loss"]?.value(0) } == 0.25)
    }
}
