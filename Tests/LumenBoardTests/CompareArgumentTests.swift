import Foundation
@testable import LumenBoard
import LumenTestSupport
import Testing

/// What the compare-experiments calls refuse, and how they say so: every error names the
/// argument and the sizes or values at fault.
@Suite("Compare experiments: bad input is an error naming the argument")
struct CompareArgumentTests {
    let writer: SummaryWriter

    init() throws {
        writer = try SummaryWriter(logDir: temporaryDirectory())
    }

    private func expectError(_ argument: String, _ words: [String], _ call: () throws -> Void, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(sourceLocation: sourceLocation) { try call() } throws: { error in
            guard let error = error as? SummaryArgumentError else { return false }
            return error.argument == argument && words.allSatisfy { "\(error)".contains($0) }
        }
    }

    @Test("addHparams: empty names, non-finite values, domains that do not fit, an empty run name")
    func hparams() {
        expectError("hparams", ["empty name"]) { try writer.addHparams(["": 1], metrics: [:]) }
        expectError("hparams", ["\"lr\"", "nan"]) { try writer.addHparams(["lr": .number(.nan)], metrics: [:]) }
        expectError("metrics", ["empty name"]) { try writer.addHparams(["lr": 1], metrics: ["": 0.5]) }
        expectError("discreteDomains", ["\"depth\"", "[\"lr\"]"]) {
            try writer.addHparams(["lr": 1], metrics: [:], discreteDomains: ["depth": [1, 2]])
        }
        expectError("discreteDomains", ["\"opt\"", "\"sgd\"", "2.0", "string"]) {
            try writer.addHparams(["opt": "sgd"], metrics: [:], discreteDomains: ["opt": ["sgd", 2]])
        }
        expectError("discreteDomains", ["empty"]) { try writer.addHparams(["lr": 1], metrics: [:], discreteDomains: ["lr": []]) }
        expectError("runName", ["empty"]) { try writer.addHparams(["lr": 1], metrics: [:], runName: "") }
    }

    @Test("A metric never logged before is written as a scalar all the same")
    func metricNeverLogged() throws {
        let dir = temporaryDirectory()
        let writer = try SummaryWriter(logDir: dir)
        try writer.addHparams(["lr": 0.1], metrics: ["never/logged": .nan], step: 2)
        try writer.close()
        let values = summaryValues(try readEvents(inRun: dir))
        #expect(values.last?.value.tag == "never/logged" && values.last?.step == 2 && values.last!.value.simpleValue.isNaN)
    }

    @Test("addPrCurve: lengths, predictions outside [0, 1], fewer than 2 thresholds; addPrCurveRaw: lengths")
    func prCurves() {
        expectError("predictions", ["3 values", "labels has 4"]) {
            try writer.addPrCurve("pr", labels: [true, false, true, false], predictions: [Float](repeating: 0.5, count: 3))
        }
        expectError("weights", ["1 values", "labels has 2"]) {
            try writer.addPrCurve("pr", labels: [true, false], predictions: [0.1, 0.2], weights: [1])
        }
        expectError("predictions", ["#1", "1.5", "[0, 1]"]) { try writer.addPrCurve("pr", labels: [true, false], predictions: [0.1, 1.5]) }
        expectError("predictions", ["#0", "nan"]) { try writer.addPrCurve("pr", labels: [true], predictions: [Float.nan]) }
        expectError("numThresholds", ["1", "at least 2"]) { try writer.addPrCurve("pr", labels: [true], predictions: [0.5], numThresholds: 1) }
        expectError("recall", ["2 values", "truePositiveCounts has 3"]) {
            try writer.addPrCurveRaw(
                "pr", truePositiveCounts: [3, 2, 1], falsePositiveCounts: [3, 1, 0], trueNegativeCounts: [0, 2, 3],
                falseNegativeCounts: [0, 1, 2], precision: [0.5, 0.66, 1], recall: [1, 0.66], numThresholds: 3)
        }
    }

    @Test("The PR curve of a hand-checkable case: thresholds 0, ½, 1 over four predictions")
    func prCurveByHand() throws {
        let curve = try PRCurve(labels: [true, false, true, false], predictions: [0.9, 0.8, 0.3, 0.1] as [Double], weights: nil, numThresholds: 3)
        // Buckets ⌊p · 2⌋: 1, 1, 0, 0. Positives per bucket [1, 1, 0], negatives [1, 1, 0].
        #expect(curve.rows == [[2, 1, 0], [2, 1, 0], [0, 1, 2], [0, 1, 2], [0.5, 0.5, 0], [1, 0.5, 0]])
    }

    @Test("addCustomScalars: no categories, empty titles, no charts, no or empty tags")
    func customScalars() {
        func layout(_ categories: [CustomScalarLayout.Category]) -> CustomScalarLayout { CustomScalarLayout(categories) }
        expectError("layout", ["no categories"]) { try writer.addCustomScalars(layout([])) }
        expectError("layout", ["category #1", "empty title"]) {
            try writer.addCustomScalars(layout([.init("a", charts: [.multiline(title: "t", tags: ["x"])]), .init("", charts: [])]))
        }
        expectError("layout", ["\"losses\"", "no charts"]) { try writer.addCustomScalars(layout([.init("losses", charts: [])])) }
        expectError("layout", ["chart \"all\"", "\"losses\"", "no tags"]) {
            try writer.addCustomScalars(layout([.init("losses", charts: [.multiline(title: "all", tags: [])])]))
        }
        expectError("layout", ["chart #0", "empty title"]) {
            try writer.addCustomScalars(layout([.init("losses", charts: [.multiline(title: "", tags: ["x"])])]))
        }
        expectError("layout", ["chart \"band\"", "empty lower tag"]) {
            try writer.addCustomScalars(layout([.init("acc", charts: [.margin(title: "band", value: "v", lower: "", upper: "u")])]))
        }
    }

    @Test("addEmbedding: ragged or empty matrices, label and image counts, image shapes, TSV-breaking labels")
    func embeddings() {
        let matrix: [[Float]] = [[1, 2], [3, 4], [5, 6]]
        expectError("matrix", ["0 rows"]) { try writer.addEmbedding([]) }
        expectError("matrix", ["row 2", "1 values", "row 0 has 2"]) { try writer.addEmbedding([[1, 2], [3, 4], [5]]) }
        expectError("metadata", ["2 rows", "matrix has 3"]) { try writer.addEmbedding(matrix, metadata: ["a", "b"]) }
        expectError("metadataHeader", ["2 columns", "row 1 has 1"]) {
            try writer.addEmbedding(matrix, metadata: [["a", "1"], ["b"], ["c", "3"]], metadataHeader: ["name", "n"])
        }
        expectError("metadata", ["tab or line break"]) { try writer.addEmbedding(matrix, metadata: ["a", "b\nc", "d"]) }
        expectError("labelImages", ["2 images", "[2, 3, 4, 4]", "3 rows"]) {
            try writer.addEmbedding(matrix, labelImages: LabelImages([Float](repeating: 0, count: 96), shape: [2, 3, 4, 4]))
        }
        expectError("labelImages", ["4 channels", "1 (gray) or 3 (RGB)"]) {
            try writer.addEmbedding(matrix, labelImages: LabelImages([Float](repeating: 0, count: 192), shape: [3, 4, 4, 4]))
        }
        expectError("labelImages", ["47 values", "[3, 1, 4, 4]"]) {
            try writer.addEmbedding(matrix, labelImages: LabelImages([Float](repeating: 0, count: 47), shape: [3, 1, 4, 4]))
        }
        expectError("labelImages", ["[3, 1, 16]", "[N, C, H, W]"]) {
            try writer.addEmbedding(matrix, labelImages: LabelImages([Float](repeating: 0, count: 48), shape: [3, 1, 16]))
        }
        // 3 images 10 high and 3 wide: 2 rows (20 pixels) in a 6-pixel square.
        expectError("labelImages", ["2 rows", "10-pixel-high", "6-pixel square"]) {
            try writer.addEmbedding(matrix, labelImages: LabelImages([Float](repeating: 0, count: 90), shape: [3, 1, 10, 3]))
        }
    }

    @Test("Numbers in tensors.tsv are Python's repr of the double", arguments: [
        (0.1, "0.1"), (1e16, "1e+16"), (1e15, "1000000000000000.0"), (9999999999999998.0, "9999999999999998.0"),
        (1e-4, "0.0001"), (1e-5, "1e-05"), (0.00012345, "0.00012345"), (123.456, "123.456"), (.leastNonzeroMagnitude, "5e-324"),
        (1.7976931348623157e308, "1.7976931348623157e+308"), (-2.5, "-2.5"), (100.0, "100.0"), (1e22, "1e+22"),
        (12345678901234567.0, "1.2345678901234568e+16"), (1.401298464324817e-45, "1.401298464324817e-45"),
        (Double(Float(0.1)), "0.10000000149011612"), (-0.0, "-0.0"), (0.0, "0.0"), (.infinity, "inf"), (-.infinity, "-inf"),
        (.nan, "nan"), (1.0, "1.0"), (123456789012345.6, "123456789012345.6"), (1e100, "1e+100"), (1.5e-7, "1.5e-07"),
    ] as [(Double, String)])
    func pythonFloatText(value: Double, python: String) {
        #expect(PythonFloatText.repr(value) == python)
    }

    @Test("Projector text format escapes quotes, backslashes and control characters as Python protobuf does, not UTF-8")
    func projectorQuoting() {
        #expect(ProjectorConfig.quoted("naïve \"q\" 's' \\ tab\there\nnl\u{01}\u{7F}~") == #""naïve \"q\" \'s\' \\ tab\there\nnl\001\177~""#)
    }

    @Test("Steps are zero-padded as Python's str.zfill(5); tags percent-encoded as PyTorch's folder names")
    func folderNames() {
        #expect([0, 42, -1, 123456].map(EmbeddingFiles.zeroPadded) == ["00000", "00042", "-0001", "123456"])
        #expect(EmbeddingFiles.folderName("a/b%c\\d") == "a%2fb%25c%5cd")
    }
}
