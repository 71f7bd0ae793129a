import Foundation
import LumenBoard

/// The "compare experiments" calls `Scripts/make_compare_fixtures.py` made on PyTorch's
/// SummaryWriter — add_hparams, add_pr_curve(_raw), add_custom_scalars, add_embedding — with
/// their inputs, read from its `manifest.json`. Lumen's tests and `lumen-fixture-replay compare`
/// make the same calls on Lumen's writer to compare the results with PyTorch's logs beside it.
public struct CompareManifest: Decodable {
    public struct HParamsCall: Decodable {
        public let hparams: [String: HParamValue]
        public let metrics: [String: Double]
        public let domains: [String: [HParamValue]]
        public let runName: String
        public let step: Int

        enum CodingKeys: String, CodingKey { case hparams, metrics, domains, runName = "run_name", step }

        public init(from decoder: Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            hparams = try c.decode([String: JSONHParam].self, forKey: .hparams).mapValues(\.value)
            metrics = try c.decode([String: Double].self, forKey: .metrics)
            domains = try c.decodeIfPresent([String: [JSONHParam]].self, forKey: .domains)?.mapValues { $0.map(\.value) } ?? [:]
            runName = try c.decode(String.self, forKey: .runName)
            step = try c.decodeIfPresent(Int.self, forKey: .step) ?? 0
        }
    }

    /// add_pr_curve (labels, predictions of `dtype`, weights) or add_pr_curve_raw (six rows).
    public struct PRCurveCall: Decodable {
        public let kind: String
        public let tag: String
        public let labels: [Int]?
        public let predictions: [Double]?
        public let dtype: String?
        public let weights: [Double]?
        public let counts: [[Double]]?
        public let numThresholds: Int
        public let step: Int

        enum CodingKeys: String, CodingKey {
            case kind, tag, labels, predictions, dtype, weights, counts, numThresholds = "num_thresholds", step
        }
    }

    public struct EmbeddingCall: Decodable {
        public let matrix: [[Float]]
        /// One label per point, or with `header` one row of columns per point.
        public let labels: [String]?
        public let rows: [[String]]?
        public let header: [String]?
        public let labelImages: LabelImages?
        public let tag: String
        public let step: Int

        enum CodingKeys: String, CodingKey { case matrix, metadata, header, labelImages = "label_images", tag, step }

        public init(from decoder: Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            matrix = try c.decode([[Double]].self, forKey: .matrix).map { $0.map(Float.init) }
            header = try c.decodeIfPresent([String].self, forKey: .header)
            rows = header == nil ? nil : try c.decode([[String]].self, forKey: .metadata)
            labels = header == nil ? try c.decodeIfPresent([String].self, forKey: .metadata) : nil
            labelImages = try c.decodeIfPresent([[[[Double]]]].self, forKey: .labelImages).map { images in
                let shape = [images.count, images[0].count, images[0][0].count, images[0][0][0].count]
                return LabelImages(images.flatMap { $0.flatMap { $0.flatMap { $0.map(Float.init) } } }, shape: shape)
            }
            tag = try c.decode(String.self, forKey: .tag)
            step = try c.decodeIfPresent(Int.self, forKey: .step) ?? 0
        }
    }

    /// The wall time every event of the fixtures carries.
    public let wallTime: Double
    public let hparams: [HParamsCall]
    public let prCurves: [PRCurveCall]
    public let customScalars: CustomScalarLayout
    public let embeddings: [EmbeddingCall]

    enum CodingKeys: String, CodingKey {
        case wallTime = "wall_time", hparams, prCurves = "pr_curves", customScalars = "custom_scalars", embeddings
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        wallTime = try c.decode(Double.self, forKey: .wallTime)
        hparams = try c.decode([HParamsCall].self, forKey: .hparams)
        prCurves = try c.decode([PRCurveCall].self, forKey: .prCurves)
        customScalars = CustomScalarLayout(try c.decode([JSONCategory].self, forKey: .customScalars).map(\.category))
        embeddings = try c.decode([EmbeddingCall].self, forKey: .embeddings)
    }

    /// Reads `directory/manifest.json`.
    public init(directory: String) throws {
        let data = try Data(contentsOf: URL(fileURLWithPath: directory).appendingPathComponent("manifest.json"))
        self = try JSONDecoder().decode(Self.self, from: data)
    }

    // MARK: - The same calls on Lumen's writer

    /// Every call, each family into its own folder of `directory` as the fixture has them
    /// (`hparams`, `pr_curves`, `custom_scalars`, `embedding`), plus `hparams_own_run`.
    public func writeAll(into directory: String) throws {
        let folder = { (name: String) in (directory as NSString).appendingPathComponent(name) }
        try writeHparams(logDir: folder("hparams"))
        try writeHparamsInOwnRuns(logDir: folder("hparams_own_run"))
        try writePrCurves(logDir: folder("pr_curves"))
        try writeCustomScalars(logDir: folder("custom_scalars"))
        try writeEmbeddings(logDir: folder("embedding"))
    }

    /// The add_hparams calls in PyTorch's layout: each into the sub-run its `run_name` names.
    public func writeHparams(logDir: String) throws {
        let writer = try SummaryWriter(logDir: logDir)
        for call in hparams {
            try writer.addHparams(
                call.hparams, metrics: call.metrics, discreteDomains: call.domains, runName: call.runName, step: call.step,
                wallTime: wallTime)
        }
        try writer.close()
    }

    /// Each add_hparams call in a run of its own, `<logDir>/<run_name>`, after a short
    /// training curve `train/loss` (steps 0–4) in that run.
    public func writeHparamsInOwnRuns(logDir: String) throws {
        for call in hparams {
            let writer = try SummaryWriter(logDir: (logDir as NSString).appendingPathComponent(call.runName))
            for step in 0..<5 { writer.addScalar("train/loss", 1 / Double(step + 1), step: step, wallTime: wallTime) }
            try writer.addHparams(call.hparams, metrics: call.metrics, discreteDomains: call.domains, step: call.step, wallTime: wallTime)
            try writer.close()
        }
    }

    public func writePrCurves(logDir: String) throws {
        let writer = try SummaryWriter(logDir: logDir)
        for call in prCurves {
            if let counts = call.counts {
                try writer.addPrCurveRaw(
                    call.tag, truePositiveCounts: counts[0], falsePositiveCounts: counts[1], trueNegativeCounts: counts[2],
                    falseNegativeCounts: counts[3], precision: counts[4], recall: counts[5], step: call.step,
                    numThresholds: call.numThresholds, wallTime: wallTime)
                continue
            }
            let labels = call.labels!.map { $0 == 1 }
            if call.dtype == "float32" {
                try writer.addPrCurve(
                    call.tag, labels: labels, predictions: call.predictions!.map(Float.init), step: call.step,
                    numThresholds: call.numThresholds, weights: call.weights, wallTime: wallTime)
            } else {
                try writer.addPrCurve(
                    call.tag, labels: labels, predictions: call.predictions!, step: call.step, numThresholds: call.numThresholds,
                    weights: call.weights, wallTime: wallTime)
            }
        }
        try writer.close()
    }

    public func writeCustomScalars(logDir: String) throws {
        let writer = try SummaryWriter(logDir: logDir)
        try writer.addCustomScalars(customScalars, wallTime: wallTime)
        try writer.close()
    }

    public func writeEmbeddings(logDir: String) throws {
        let writer = try SummaryWriter(logDir: logDir)
        for call in embeddings {
            if let rows = call.rows, let header = call.header {
                try writer.addEmbedding(
                    call.matrix, metadata: rows, metadataHeader: header, labelImages: call.labelImages, tag: call.tag, step: call.step)
            } else {
                try writer.addEmbedding(call.matrix, metadata: call.labels, labelImages: call.labelImages, tag: call.tag, step: call.step)
            }
        }
        try writer.close()
    }
}

/// A hyper-parameter value in JSON: true/false, a number or a string.
private struct JSONHParam: Decodable {
    let value: HParamValue

    init(from decoder: Decoder) throws {
        let c = try decoder.singleValueContainer()
        if let flag = try? c.decode(Bool.self) {
            value = .bool(flag)
        } else if let number = try? c.decode(Double.self) {
            value = .number(number)
        } else {
            value = .string(try c.decode(String.self))
        }
    }
}

/// `[title, [[chart title, "Multiline" | "Margin", tags], …]]`.
private struct JSONCategory: Decodable {
    let category: CustomScalarLayout.Category

    init(from decoder: Decoder) throws {
        var c = try decoder.unkeyedContainer()
        let title = try c.decode(String.self)
        var charts = try c.nestedUnkeyedContainer()
        var list: [CustomScalarLayout.Chart] = []
        while !charts.isAtEnd {
            var chart = try charts.nestedUnkeyedContainer()
            let (chartTitle, kind, tags) = (try chart.decode(String.self), try chart.decode(String.self), try chart.decode([String].self))
            list.append(
                kind == "Margin"
                    ? .margin(title: chartTitle, value: tags[0], lower: tags[1], upper: tags[2]) : .multiline(title: chartTitle, tags: tags))
        }
        category = CustomScalarLayout.Category(title, charts: list)
    }
}
