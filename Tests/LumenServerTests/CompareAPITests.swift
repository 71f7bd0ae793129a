import Foundation
import LumenBoard
import LumenFixtures
import LumenTestSupport
import Testing
@testable import LumenServer

/// `/api/hparams`, `/api/pr_curves`, `/api/custom_scalars` and the runs' hyper-parameters in
/// `/api/runs`, over torch's logs (`Scripts/make_compare_fixtures.py`) and Lumen's writer given
/// the same calls.
@Suite("Compare experiments: the hparams, PR-curve and custom-scalars endpoints")
struct CompareAPITests {
    static let torch = fixtures + "/compare"
    let manifest: CompareManifest
    /// Lumen's writer given the manifest's calls, in the fixtures' layout plus `hparams_own_run`.
    let lumen: String

    init() throws {
        manifest = try CompareManifest(directory: Self.torch)
        lumen = temporaryDirectory()
        try manifest.writeAll(into: lumen)
    }

    /// `/api/hparams`'s sessions, sent by column, as one object per session (the fields by
    /// name, `values` and `metrics` as lists in the order of `hparams` and `metrics`), after
    /// checking that every column lists every session.
    static func sessionRows(_ body: [String: Any]) throws -> [[String: Any]] {
        let columns = try #require(body["sessions"] as? [String: Any])
        let names = try #require(columns["name"] as? [String])
        let fields = ["runs", "status", "startTime", "endTime"].map { (field: $0, list: columns[$0] as? [Any] ?? []) }
        let values = try #require(columns["values"] as? [[Any]])
        let metrics = try #require(columns["metrics"] as? [[Any]])
        let steps = try #require(columns["metricSteps"] as? [[Any]])
        #expect(values.count == (body["hparams"] as? [Any])?.count && metrics.count == (body["metrics"] as? [Any])?.count)
        #expect(fields.allSatisfy { $0.list.count == names.count } && (values + metrics + steps).allSatisfy { $0.count == names.count })
        return names.indices.map { s in
            var row: [String: Any] = ["name": names[s], "values": values.map { $0[s] }, "metrics": metrics.map { $0[s] }]
            for (field, list) in fields where s < list.count { row[field] = list[s] }
            return row
        }
    }

    @Test("PyTorch's layout: each sub-run a session, its curves in the run above it", arguments: ["torch", "lumen"])
    func hparamsSubRuns(writer: String) async throws {
        let api = loadedAPI((writer == "torch" ? Self.torch : lumen) + "/hparams")
        let calls = manifest.hparams.map { (runName: $0.runName, hparams: $0.hparams, metrics: $0.metrics) }
        try await withBoard(api) { client in
            let body = try #require(try await client.json("/api/hparams").body as? [String: Any])
            let hparams = try #require(body["hparams"] as? [[String: Any]])
            let names = hparams.map { $0["name"] as! String }
            #expect(Set(names) == Set(calls.flatMap(\.hparams.keys)))
            let activation = try #require(hparams.first { $0["name"] as? String == "activation" })
            #expect(activation["type"] as? String == "string" && activation["domain"] as? [String] == ["relu", "tanh", "gelu"])
            let metrics = try #require(body["metrics"] as? [[String: Any]]).map { $0["tag"] as! String }
            #expect(Set(metrics) == Set(calls.flatMap(\.metrics.keys)))
            let sessions = try Self.sessionRows(body)
            #expect(sessions.map { $0["name"] as! String } == ["sweep/trial 2", "trial-1"])
            for session in sessions {
                let name = session["name"] as! String
                let call = try #require(calls.first { $0.runName == name })
                #expect(session["runs"] as? [String] == [name, "."])
                #expect(session["status"] as? String == "success")
                let values = try #require(session["values"] as? [Any])
                let metricValues = try #require(session["metrics"] as? [Any])
                #expect(values.count == names.count && metricValues.count == metrics.count)
                for (column, hparam) in names.enumerated() {
                    switch call.hparams[hparam] {
                    case nil: #expect(values[column] is NSNull, "\(name) \(hparam)")
                    case .number(let n): #expect(values[column] as? Double == n, "\(name) \(hparam)")
                    case .string(let s): #expect(values[column] as? String == s, "\(name) \(hparam)")
                    // PyTorch writes a Boolean as 1 or 0, and so does its layout in Lumen.
                    case .bool(let b): #expect(values[column] as? Double == (b ? 1 : 0), "\(name) \(hparam)")
                    }
                }
                for (column, tag) in metrics.enumerated() {
                    if let expected = call.metrics[tag] {
                        #expect((metricValues[column] as? Double).map(Float.init) == Float(expected), "\(name) \(tag)")
                    } else {
                        #expect(metricValues[column] is NSNull, "\(name) \(tag)")
                    }
                }
            }
            let runs = try #require(try await client.json("/api/runs", "hparams=1").body as? [[String: Any]])
            let trial = try #require(runs.first { $0["name"] as? String == "trial-1" })
            #expect((trial["hparams"] as? [String: Any])?["optimizer"] as? String == "adam")
            #expect(runs.first { $0["name"] as? String == "." }?["hparams"] == nil)
            // Without asking, the listing says which runs are sessions and leaves their values out.
            let lean = try #require(try await client.json("/api/runs").body as? [[String: Any]])
            #expect(lean.first { $0["name"] as? String == "trial-1" }?["session"] as? Bool == true)
            #expect(lean.first { $0["name"] as? String == "." }?["session"] as? Bool == false)
            #expect(lean.allSatisfy { $0["hparams"] == nil })
            let wrong = try await client.error("/api/runs", "hparams=yes")
            #expect(wrong.status == 400 && wrong.parameter == "hparams")
        }
    }

    @Test("The writer's own run: the session is the run itself, Booleans stay Booleans, metrics are their last values")
    func hparamsOwnRun() async throws {
        try await withBoard(loadedAPI(lumen + "/hparams_own_run")) { client in
            let body = try #require(try await client.json("/api/hparams").body as? [String: Any])
            let names = try #require(body["hparams"] as? [[String: Any]]).map { $0["name"] as! String }
            let sessions = try Self.sessionRows(body)
            let trial = try #require(sessions.first { $0["name"] as? String == "trial-1" })
            #expect(trial["runs"] as? [String] == ["trial-1"])
            let useBN = try #require(names.firstIndex(of: "use_bn"))
            #expect((trial["values"] as? [Any])?[useBN] as? Bool == true)
            let runs = try #require(try await client.json("/api/runs", "hparams=1").body as? [[String: Any]])
            let run = try #require(runs.first { $0["name"] as? String == "trial-1" })
            #expect((run["hparams"] as? [String: Any])?["use_bn"] as? Bool == true)
            #expect((run["hparams"] as? [String: Any])?["lr"] as? Double == 0.001)
        }
    }

    /// The binary layout of `/api/hparams` read back into the JSON form: each `{"f64": k}`
    /// replaced by column k, NaN as null.
    static func fromBinary(_ bytes: [UInt8]) throws -> Any {
        try #require(bytes.count >= 4)
        let length = Int(UInt32(littleEndian: bytes[0..<4].withUnsafeBytes { $0.loadUnaligned(as: UInt32.self) }))
        var body = try #require(try JSONSerialization.jsonObject(with: Data(bytes[4..<(4 + length)])) as? [String: Any])
        let start = (4 + length + 7) / 8 * 8
        #expect(bytes[(4 + length)..<start].allSatisfy { $0 == UInt8(ascii: " ") })
        var sessions = try #require(body["sessions"] as? [String: Any])
        let n = try #require(sessions["name"] as? [String]).count
        var columnsRead = 0
        func column(_ field: Any) throws -> Any {
            guard let ref = field as? [String: Any], let k = ref["f64"] as? Int else { return field }
            columnsRead = max(columnsRead, k + 1)
            let offset = start + k * n * 8
            try #require(offset + n * 8 <= bytes.count)
            return (0..<n).map { s -> Any in
                let bits = bytes[(offset + 8 * s)..<(offset + 8 * s + 8)].withUnsafeBytes { $0.loadUnaligned(as: UInt64.self) }
                let value = Double(bitPattern: UInt64(littleEndian: bits))
                return value.isNaN ? NSNull() : value
            }
        }
        for key in ["startTime", "endTime"] { sessions[key] = try column(sessions[key] as Any) }
        for key in ["values", "metrics", "metricSteps"] {
            sessions[key] = try #require(sessions[key] as? [Any]).map(column)
        }
        #expect(bytes.count == start + columnsRead * n * 8, "the columns end the answer")
        body["sessions"] = sessions
        return body
    }

    @Test("?numbers=binary: the same answer, its columns of numbers as float64s after the JSON", arguments: ["torch", "lumen"])
    func hparamsBinary(writer: String) async throws {
        let dirs = writer == "torch" ? [Self.torch + "/hparams"] : [lumen + "/hparams", lumen + "/hparams_own_run"]
        for dir in dirs {
            try await withBoard(loadedAPI(dir)) { client in
                let json = try await client.json("/api/hparams").body
                let binary = try await client.get("/api/hparams", "numbers=binary")
                #expect(binary.status == .ok && binary.headers[.contentType] == "application/octet-stream")
                let decoded = try Self.fromBinary(Array(binary.body.readableBytesView))
                let canonical = { (value: Any) in try JSONSerialization.data(withJSONObject: value, options: [.sortedKeys]) }
                #expect(try canonical(decoded) == canonical(json), "\(dir)")
                // Some column went as numbers, and text and Booleans stayed in the JSON.
                let raw = String(decoding: binary.body.readableBytesView.dropFirst(4), as: UTF8.self)
                #expect(raw.contains("{\"f64\":0}"))
                let asked = try await client.error("/api/hparams", "numbers=xml")
                #expect(asked.status == 400 && asked.parameter == "numbers" && asked.message.contains("\"xml\""))
            }
        }
    }

    @Test("More sessions than TensorBoard's cap of 1,000, each with its last metric value")
    func manySessions() async throws {
        let dir = temporaryDirectory()
        let count = 1_200
        for i in 0..<count {
            let writer = try SummaryWriter(logDir: dir + "/run\(i)")
            writer.addScalar("val/loss", 2, step: 1)
            writer.addScalar("val/loss", 1 / Double(i + 1), step: 2)
            try writer.addHparams(["lr": .number(Double(i) / 1000), "seed": .number(Double(i % 7))], metrics: [:])
            try writer.close()
        }
        try await withBoard(loadedAPI(dir)) { client in
            let body = try #require(try await client.json("/api/hparams").body as? [String: Any])
            let sessions = try Self.sessionRows(body)
            #expect(sessions.count == count)
            #expect((body["metrics"] as? [Any])?.isEmpty == true)
            let last = try #require(sessions.first { $0["name"] as? String == "run7" })
            #expect(last["runs"] as? [String] == ["run7"])
        }
    }

    @Test("PR curves: thresholds, precision, recall and counts per step; unknown tags are 404s", arguments: ["torch", "lumen"])
    func prCurves(writer: String) async throws {
        let calls = manifest.prCurves.map { (tag: $0.tag, step: $0.step, numThresholds: $0.numThresholds) }
        try await withBoard(loadedAPI((writer == "torch" ? Self.torch : lumen) + "/pr_curves")) { client in
            let runs = try #require(try await client.json("/api/runs").body as? [[String: Any]])
            let tags = try #require((runs.first?["tags"] as? [String: [String]])?["prCurves"])
            #expect(tags == calls.map(\.tag).sorted())
            for call in calls {
                let (status, body) = try await client.json("/api/pr_curves", query(["run": ".", "tag": call.tag]))
                #expect(status == 200)
                let steps = try #require((body as? [String: Any])?["steps"] as? [[String: Any]])
                #expect(steps.map { $0["step"] as? Int } == [call.step])
                let n = min(call.numThresholds, 127)
                for column in ["thresholds", "precision", "recall", "truePositives", "falsePositives", "trueNegatives", "falseNegatives"] {
                    #expect((steps[0][column] as? [Any])?.count == n, "\(call.tag) \(column)")
                }
                #expect((steps[0]["thresholds"] as? [Double])?.last == 1)
            }
            // By the series id, as the page asks.
            let tag = calls[0].tag
            let run = try #require(runs.first?["name"] as? String)
            let (status, byID) = try await client.json("/api/pr_curves", query(["series": SeriesID.of(run: run, tag: tag)]))
            #expect(status == 200 && (byID as? [String: Any])?["tag"] as? String == tag)
            let missing = try await client.error("/api/pr_curves", query(["run": ".", "tag": "nope"]))
            #expect(missing.status == 404 && missing.message.contains("no PR curves logged"))
            let noTag = try await client.error("/api/pr_curves", query(["run": "."]))
            #expect(noTag.status == 400 && noTag.parameter == "tag")
        }
    }

    @Test("Custom scalars: each run's layout", arguments: ["torch", "lumen"])
    func customScalars(writer: String) async throws {
        try await withBoard(loadedAPI((writer == "torch" ? Self.torch : lumen) + "/custom_scalars")) { client in
            let body = try #require(try await client.json("/api/custom_scalars").body as? [String: Any])
            let runs = try #require(body["runs"] as? [[String: Any]])
            #expect(runs.map { $0["run"] as? String } == ["."])
            let categories = try #require(runs[0]["categories"] as? [[String: Any]])
            #expect(categories.map { $0["title"] as? String } == ["Taiwan", "USA", "losses"])
            let charts = try #require(categories[1]["charts"] as? [[String: Any]])
            let series = try #require((charts[0]["margin"] as? [String: Any])?["series"] as? [[String: String]])
            #expect(series == [["value": "dow/aaa", "lower": "dow/bbb", "upper": "dow/ccc"]])
            let multiline = try #require((categories[0]["charts"] as? [[String: Any]])?[0]["multiline"] as? [String: Any])
            #expect(multiline["tags"] as? [String] == ["twse/0050", "twse/2330"])
            let listed = try #require(try await client.json("/api/runs").body as? [[String: Any]])
            #expect(listed.first?["customScalars"] as? Bool == true)
        }
    }

    @Test("A malformed plugin value is a note in /api/status, not a failure")
    func malformedNoted() async throws {
        let api = try loggedAPI { writer in
            var value = TBSummary.Value()
            value.tag = "pr/bad"
            value.metadata.pluginData.pluginName = "pr_curves"
            value.tensor.dtype = .dtString
            var event = TBEvent()
            event.step = 1
            event.summary.value = [value]
            writer.addEvent(event)
            writer.addScalar("loss", 1, step: 1)
        }
        try await withBoard(api) { client in
            let status = try #require(try await client.json("/api/status").body as? [String: Any])
            let damage = try #require(status["damage"] as? [String])
            #expect(damage.count == 1 && damage[0].contains("pr_curves data of tag \"pr/bad\" is malformed"), "\(damage)")
            let runs = try #require(try await client.json("/api/runs").body as? [[String: Any]])
            #expect((runs.first?["tags"] as? [String: [String]])?["scalars"] == ["loss"])
        }
    }
}
