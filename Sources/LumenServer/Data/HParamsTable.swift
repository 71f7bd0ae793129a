import LumenBoard

/// The experiment as the HParams dashboard shows it: every session (a run whose hparams
/// record starts one) with its hyper-parameter values and the last value of each metric, and
/// the hyper-parameters and metrics the experiment declares.
///
/// Both layouts are sessions alike: Lumen's default, where a session's values and curves are in
/// its own run, and PyTorch's, where `add_hparams` makes a sub-run holding only the session's
/// records and its metric scalars, so the curves are in the run above it. A session's run is
/// taken to be such a sub-run when every scalar it holds is a declared metric; its runs are then
/// itself and its nearest ancestor run (which starts no session of its own), and metric values
/// are looked up in that order.
struct HParamsTable {
    enum ValueType: String { case number, string, bool }

    struct HParam {
        let name: String
        let displayName: String
        let description: String
        var type: ValueType?
        /// Discrete values the experiment declares, or nil.
        let domain: [HParamValue]?
        /// The interval the experiment declares, or nil.
        let interval: (min: Double, max: Double)?
    }

    struct Metric {
        let tag: String
        let displayName: String
        let description: String
    }

    struct Session {
        let name: String
        /// The run that holds the session's records first, then the run with its curves, if other.
        let runs: [String]
        /// One per `hparams` entry; nil where the session has no value.
        let values: [HParamValue?]
        /// One per `metrics` entry: the last logged value and its step.
        let metrics: [(value: Double, step: Int64)?]
        let status: TBHParamsStatus?
        let startTime: Double
        let endTime: Double?
    }

    private(set) var hparams: [HParam] = []
    private(set) var metrics: [Metric] = []
    private(set) var sessions: [Session] = []

    /// Builds the table from what `store` has loaded.
    init(store: LogdirStore) {
        let names = store.runNames
        var records: [(name: String, run: RunStore, hparams: RunHParams, scalarTags: Set<String>)] = []
        for name in names {
            guard let run = store.run(named: name) else { continue }
            let (hp, tags) = run.read { content in
                content.hparams.isEmpty ? (content.hparams, Set<String>()) : (content.hparams, Set(content.scalars.keys))
            }
            if !hp.isEmpty { records.append((name, run, hp, tags)) }
        }
        var hparamIndex: [String: Int] = [:]
        var metricIndex: [String: Int] = [:]
        for record in records {
            guard let experiment = record.hparams.experiment else { continue }
            for info in experiment.hparamInfos where hparamIndex[info.name] == nil {
                hparamIndex[info.name] = hparams.count
                hparams.append(HParam(info))
            }
            for info in experiment.metricInfos where metricIndex[info.name.tag] == nil {
                metricIndex[info.name.tag] = metrics.count
                metrics.append(Metric(tag: info.name.tag, displayName: info.displayName, description: info.description_p))
            }
        }
        // Values a session has that no experiment declares still get a column (in name order
        // per session: only those keys are sorted).
        for record in records {
            guard let keys = record.hparams.sessionStart?.hparams.keys else { continue }
            for key in keys.filter({ hparamIndex[$0] == nil }).sorted() {
                hparamIndex[key] = hparams.count
                hparams.append(HParam(undeclared: key))
            }
        }
        let metricTags = Set(metrics.map(\.tag))
        let sessionRuns = Set(records.filter { $0.hparams.sessionStart != nil }.map(\.name))
        let existing = Set(names)
        for record in records {
            guard let start = record.hparams.sessionStart else { continue }
            var runs = [record.name]
            if record.scalarTags.isSubset(of: metricTags),
               let parent = Self.nearestAncestor(of: record.name, in: existing), !sessionRuns.contains(parent) {
                runs.append(parent)
            }
            var values = [HParamValue?](repeating: nil, count: hparams.count)
            for (key, protobufValue) in start.hparams {
                let column = hparamIndex[key]!
                guard let value = HParamValue(protobufValue) else { continue }
                values[column] = value
                if hparams[column].type == nil { hparams[column].type = ValueType(value) }
            }
            // Each metric from the first of the session's runs that logs it, every metric of a
            // run read under one hold of its lock.
            let runStores = [record.run] + runs.dropFirst().compactMap { store.run(named: $0) }
            var lastValues = [(value: Double, step: Int64)?](repeating: nil, count: metrics.count)
            for run in runStores where lastValues.contains(where: { $0 == nil }) {
                run.read { content in
                    for (m, metric) in metrics.enumerated() where lastValues[m] == nil {
                        guard let series = content.scalars[metric.tag], series.count > 0 else { continue }
                        lastValues[m] = (Double(series.value(series.count - 1)), series.step(series.count - 1))
                    }
                }
            }
            let end = record.hparams.sessionEnd
            sessions.append(Session(name: record.name, runs: runs, values: values, metrics: lastValues,
                                    status: end?.status, startTime: start.startTimeSecs, endTime: end?.endTimeSecs))
        }
        for i in hparams.indices where hparams[i].type == nil { hparams[i].type = .string }
    }

    /// The deepest run above `run` ("." is above every run), or nil for "." itself.
    static func nearestAncestor(of run: String, in runs: Set<String>) -> String? {
        guard run != "." else { return nil }
        var path = Substring(run)
        while let slash = path.lastIndex(of: "/") {
            path = path[..<slash]
            if runs.contains(String(path)) { return String(path) }
        }
        return runs.contains(".") ? "." : nil
    }
}

extension HParamsTable.ValueType {
    init(_ value: HParamValue) {
        switch value {
        case .number: self = .number
        case .string: self = .string
        case .bool: self = .bool
        }
    }

    init?(_ type: TBHParamsDataType) {
        switch type {
        case .float64: self = .number
        case .string: self = .string
        case .bool: self = .bool
        default: return nil
        }
    }
}

extension HParamsTable.HParam {
    init(_ info: TBHParamsHParamInfo) {
        name = info.name
        displayName = info.displayName
        description = info.description_p
        type = HParamsTable.ValueType(info.type)
        switch info.domain {
        case .domainDiscrete(let list):
            domain = list.values.compactMap(HParamValue.init)
            interval = nil
        case .domainInterval(let range):
            domain = nil
            interval = (range.minValue, range.maxValue)
        case nil:
            domain = nil
            interval = nil
        }
    }

    init(undeclared name: String) {
        self.name = name
        displayName = ""
        description = ""
        type = nil
        domain = nil
        interval = nil
    }
}
