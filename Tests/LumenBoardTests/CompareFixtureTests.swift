import Foundation
@testable import LumenBoard
import LumenFixtures
import LumenPNG
import LumenTestSupport
import Testing

/// Lumen against the logs torch.utils.tensorboard 2.x wrote for the same add_hparams,
/// add_pr_curve(_raw), add_custom_scalars and add_embedding calls
/// (`Scripts/make_compare_fixtures.py`; its manifest lists the calls and inputs).
///
/// Event records are compared byte for byte, from the second record on: the first
/// (file_version) names its writer, "lumen" here. Wall times are equal because both sides
/// were given the manifest's. The one normalization: protobuf's upb runtime writes a map's
/// entries in a per-process hash order, so `SessionStartInfo.hparams` entries are compared
/// in sorted order on both sides. Projector files are compared byte for byte, sprites by
/// their decoded pixels.
@Suite("Compare experiments: Lumen writes what torch.utils.tensorboard writes")
struct CompareFixtureTests {
    static let fixtures = Bundle.module.resourcePath! + "/Fixtures/compare"
    let manifest: CompareManifest

    init() throws {
        manifest = try CompareManifest(directory: Self.fixtures)
    }

    @Test("add_hparams with run_name: the sub-runs torch makes, record for record")
    func hparamsInPyTorchLayout() throws {
        let dir = temporaryDirectory()
        try manifest.writeHparams(logDir: dir)
        let runs = try LogdirScanner.runs(in: dir).map(\.name)
        #expect(runs == (try LogdirScanner.runs(in: Self.fixtures + "/hparams").map(\.name)))
        for call in manifest.hparams {
            let ours = try recordPayloads(inRun: dir + "/" + call.runName).map(sortingSessionStartEntries)
            let torch = try recordPayloads(inRun: Self.fixtures + "/hparams/" + call.runName).map(sortingSessionStartEntries)
            try #require(ours.count == torch.count, "\(call.runName): \(ours.count) records, torch \(torch.count)")
            #expect(try TBEvent(serializedBytes: ours[0]).fileVersion == "brain.Event:2")
            for (index, (mine, reference)) in zip(ours, torch).enumerated().dropFirst() {
                #expect(mine == reference, "\(call.runName) record \(index): \(describe(mine)) vs torch \(describe(reference))")
            }
        }
    }

    @Test("add_pr_curve (float32 and float64 predictions, weights, > 127 thresholds) and add_pr_curve_raw, byte for byte")
    func prCurves() throws {
        let dir = temporaryDirectory()
        try manifest.writePrCurves(logDir: dir)
        try expectSameRecords(dir, Self.fixtures + "/pr_curves")
    }

    @Test("add_custom_scalars: the Layout tensor, byte for byte")
    func customScalars() throws {
        let dir = temporaryDirectory()
        try manifest.writeCustomScalars(logDir: dir)
        try expectSameRecords(dir, Self.fixtures + "/custom_scalars")
    }

    @Test("add_embedding: projector_config.pbtxt and the TSV files byte for byte, sprites pixel for pixel")
    func embeddings() throws {
        let dir = temporaryDirectory()
        try manifest.writeEmbeddings(logDir: dir)
        let reference = Self.fixtures + "/embedding"
        let files = try FileManager.default.subpathsOfDirectory(atPath: reference).filter { !$0.contains("tfevents") }.sorted()
        let ours = try FileManager.default.subpathsOfDirectory(atPath: dir).filter { !$0.contains("tfevents") }.sorted()
        #expect(ours == files)
        let expectedFiles = ["projector_config.pbtxt", "tensors.tsv", "metadata.tsv", "sprite.png"]
        for file in files where expectedFiles.contains((file as NSString).lastPathComponent) {
            let mine = try [UInt8](Data(contentsOf: URL(fileURLWithPath: dir + "/" + file)))
            let torch = try [UInt8](Data(contentsOf: URL(fileURLWithPath: reference + "/" + file)))
            if file.hasSuffix(".png") {
                #expect(try PNGDecoder.decode(mine) == PNGDecoder.decode(torch), "\(file): pixels")
            } else {
                #expect(mine == torch, "\(file):\n\(String(decoding: mine, as: UTF8.self))\nvs torch\n\(String(decoding: torch, as: UTF8.self))")
            }
        }
    }

    @Test("addHparams without runName writes into the writer's own run, Booleans as Booleans")
    func hparamsInOwnRun() throws {
        let dir = temporaryDirectory()
        try manifest.writeHparamsInOwnRuns(logDir: dir)
        let call = manifest.hparams[0]
        let values = summaryValues(try readEvents(inRun: dir + "/" + call.runName))
        #expect(values.map(\.value.tag) == ["train/loss", "train/loss", "train/loss", "train/loss", "train/loss",
            HParamsSession.experimentTag, HParamsSession.sessionStartTag, HParamsSession.sessionEndTag] + call.metrics.keys.sorted())
        let experiment = try TBHParamsHParamsPluginData(serializedBytes: values[5].value.metadata.pluginData.content).experiment
        #expect(experiment.hparamInfos.map(\.name) == call.hparams.keys.sorted())
        #expect(experiment.hparamInfos.first { $0.name == "use_bn" }?.type == .bool)
        let start = try TBHParamsHParamsPluginData(serializedBytes: values[6].value.metadata.pluginData.content).sessionStartInfo
        #expect(start.hparams["use_bn"]?.boolValue == true)
        #expect(start.hparams["lr"]?.numberValue == 0.001)
        #expect(start.hparams["optimizer"]?.stringValue == "adam")
        #expect(values.suffix(2).map(\.value.simpleValue) == call.metrics.keys.sorted().map { Float(call.metrics[$0]!) })
    }

    private func expectSameRecords(_ ours: String, _ torch: String) throws {
        let mine = try recordPayloads(inRun: ours)
        let reference = try recordPayloads(inRun: torch)
        try #require(mine.count == reference.count, "\(mine.count) records, torch \(reference.count)")
        for (index, (a, b)) in zip(mine, reference).enumerated().dropFirst() {
            #expect(a == b, "record \(index): \(describe(a)) vs torch \(describe(b))")
        }
    }

    private func describe(_ payload: [UInt8]) -> String {
        (try? TBEvent(serializedBytes: payload).textFormatString()) ?? "\(payload.count) undecodable bytes"
    }
}

/// The payload of every record of the one event file in `directory`.
func recordPayloads(inRun directory: String) throws -> [[UInt8]] {
    let files = try FileManager.default.contentsOfDirectory(atPath: directory).filter { $0.contains("tfevents") }
    precondition(files.count == 1, "\(directory) holds \(files.count) event files")
    let reader = try RecordReader(path: directory + "/" + files[0])
    var payloads: [[UInt8]] = []
    while let item = reader.next() {
        guard case .record(_, let payload) = item else { preconditionFailure("damage in \(files[0]): \(item)") }
        payloads.append(payload)
    }
    return payloads
}

/// The event's bytes with the entries of a session start's hparams map sorted (as bytes).
/// Sorting permutes equal-length pieces of the payload, so every other byte stays where it was.
func sortingSessionStartEntries(_ payload: [UInt8]) throws -> [UInt8] {
    let event = try TBEvent(serializedBytes: payload)
    guard event.summary.value.first?.tag == HParamsSession.sessionStartTag else { return payload }
    let content = [UInt8](event.summary.value[0].metadata.pluginData.content)
    // HParamsPluginData: field 3 (session_start_info), then its map entries, each field 1.
    var reader = WireFields(content)
    guard let (field, start) = reader.next(), field == 3 else { return payload }
    var entries = WireFields(Array(start))
    var pieces: [[UInt8]] = []
    while entries.next() != nil { pieces.append(Array(entries.lastFieldBytes)) }
    let sorted = Array(content[..<(content.count - start.count)]) + pieces.sorted { $0.lexicographicallyPrecedes($1) }.flatMap { $0 }
    guard let at = payload.firstRange(of: content) else { return payload }
    var normalized = payload
    normalized.replaceSubrange(at, with: sorted)
    return normalized
}

/// Walks the length-delimited fields of protobuf wire bytes (the only kind the hparams
/// plugin's containers hold).
struct WireFields {
    private let bytes: [UInt8]
    private var position = 0
    /// The whole of the field `next()` returned last: key, length and content.
    private(set) var lastFieldBytes: ArraySlice<UInt8> = []

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    mutating func next() -> (field: Int, content: ArraySlice<UInt8>)? {
        guard position < bytes.count else { return nil }
        let begin = position
        let key = readVarint()
        let length = readVarint()
        let content = bytes[position..<position + length]
        position += length
        lastFieldBytes = bytes[begin..<position]
        return (key >> 3, content)
    }

    private mutating func readVarint() -> Int {
        var value = 0
        var shift = 0
        while true {
            let byte = bytes[position]
            position += 1
            value |= Int(byte & 0x7F) << shift
            if byte < 0x80 { return value }
            shift += 7
        }
    }
}
