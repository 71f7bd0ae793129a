import Foundation
import SwiftProtobuf

/// One session of the hparams plugin: the three summaries TensorBoard's HParams dashboard reads,
/// each a value with plugin "hparams" and `HParamsPluginData` content and no data of its own —
/// the experiment (which hyper-parameters and metrics there are), the session start (this run's
/// values) and the session end (status: success).
///
/// Names are written in sorted order: the experiment's hyper-parameters and metrics, and the
/// session start's map of values (PyTorch writes dictionary order for the first two and the
/// protobuf runtime's hash order for the map).
struct HParamsSession {
    static let experimentTag = "_hparams_/experiment"
    static let sessionStartTag = "_hparams_/session_start_info"
    static let sessionEndTag = "_hparams_/session_end_info"

    let hparams: [(name: String, value: HParamValue)]
    let metricNames: [String]
    let discreteDomains: [String: [HParamValue]]
    /// Write Booleans as the numbers 1 and 0, as PyTorch's `add_hparams` does.
    let boolsAsNumbers: Bool

    /// - Throws: ``SummaryArgumentError`` for an empty name, a non-finite number (the dashboard
    ///   cannot show or filter it), or a discrete domain that is empty, names no hyper-parameter
    ///   or holds values of another type than the hyper-parameter's.
    init(
        hparams: [String: HParamValue], metricNames: some Collection<String>, discreteDomains: [String: [HParamValue]],
        boolsAsNumbers: Bool
    ) throws {
        let sorted = hparams.sorted { $0.key < $1.key }.map { (name: $0.key, value: $0.value) }
        if hparams.keys.contains("") { throw SummaryArgumentError("hparams", "a hyper-parameter has an empty name") }
        if let bad = sorted.first(where: { !Self.isFinite($0.value) }) {
            throw SummaryArgumentError("hparams", "\"\(bad.name)\" is \(bad.value), but a hyper-parameter must be finite")
        }
        if metricNames.contains("") { throw SummaryArgumentError("metrics", "a metric has an empty name") }
        for (name, domain) in discreteDomains.sorted(by: { $0.key < $1.key }) {
            guard let value = hparams[name] else {
                throw SummaryArgumentError("discreteDomains", "\"\(name)\" is not among the hyper-parameters \(hparams.keys.sorted())")
            }
            if domain.isEmpty { throw SummaryArgumentError("discreteDomains", "the domain of \"\(name)\" is empty") }
            if let other = domain.first(where: { $0.typeName != value.typeName || !Self.isFinite($0) }) {
                throw SummaryArgumentError(
                    "discreteDomains", "the domain of \"\(name)\" holds \(other), but its values must be finite \(value.typeName)s like \(value)")
            }
        }
        self.hparams = sorted
        self.metricNames = metricNames.sorted()
        self.discreteDomains = discreteDomains
        self.boolsAsNumbers = boolsAsNumbers
    }

    private static func isFinite(_ value: HParamValue) -> Bool {
        if case .number(let number) = value { number.isFinite } else { true }
    }

    /// The experiment, session start and session end values, in that order.
    func summaryValues() throws -> [TBSummary.Value] {
        [
            try Self.value(tag: Self.experimentTag, .experiment(experiment)),
            try Self.value(tag: Self.sessionStartTag, .sessionStartInfo(sessionStart)),
            try Self.value(tag: Self.sessionEndTag, .sessionEndInfo(sessionEnd)),
        ]
    }

    private var experiment: TBHParamsExperiment {
        var experiment = TBHParamsExperiment()
        experiment.hparamInfos = hparams.map { name, value in
            var info = TBHParamsHParamInfo()
            info.name = name
            info.type = value.dataType(boolsAsNumbers: boolsAsNumbers)
            if let domain = discreteDomains[name] {
                var list = Google_Protobuf_ListValue()
                list.values = domain.map { $0.protobufValue(boolsAsNumbers: boolsAsNumbers) }
                info.domainDiscrete = list
            }
            return info
        }
        experiment.metricInfos = metricNames.map { name in
            var info = TBHParamsMetricInfo()
            info.name.tag = name
            return info
        }
        return experiment
    }

    private var sessionStart: TBHParamsSessionStartInfo {
        var start = TBHParamsSessionStartInfo()
        for (name, value) in hparams { start.hparams[name] = value.protobufValue(boolsAsNumbers: boolsAsNumbers) }
        return start
    }

    private var sessionEnd: TBHParamsSessionEndInfo {
        var end = TBHParamsSessionEndInfo()
        end.status = .success
        return end
    }

    private static func value(tag: String, _ data: TBHParamsHParamsPluginData.OneOf_Data) throws -> TBSummary.Value {
        var content = TBHParamsHParamsPluginData()
        content.data = data
        var options = BinaryEncodingOptions()
        options.useDeterministicOrdering = true
        var value = TBSummary.Value()
        value.tag = tag
        value.metadata.pluginData.pluginName = "hparams"
        value.metadata.pluginData.content = try content.serializedBytes(options: options)
        return value
    }
}
