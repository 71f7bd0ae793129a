import Hummingbird
import LumenBoard

extension BoardAPI {
    /// `GET /api/hparams`: the experiment's hyper-parameters and metrics, and every session
    /// (`HParamsTable`) in columns: no cap on sessions, and 10,000 of them parse as a few
    /// dozen arrays rather than tens of thousands of objects.
    func hparams(_ request: Request) -> Response {
        hparamsAnswer().response(to: request)
    }

    /// `/api/hparams`'s answer for what the store holds now, kept (gzipped too) until it changes.
    func hparamsAnswer() -> PreparedJSON {
        hparamsAnswers.value(for: store) { PreparedJSON(Self.hparamsJSON(HParamsTable(store: store))) }
    }

    /// `/api/hparams`'s answer for `table`.
    private static func hparamsJSON(_ table: HParamsTable) -> JSONText {
        var j = JSONText()
        j.raw("{"); j.key("hparams")
        j.array(table.hparams) { j, hparam in
            j.raw("{"); j.key("name"); j.string(hparam.name)
            j.raw(","); j.key("displayName"); j.string(hparam.displayName)
            j.raw(","); j.key("description"); j.string(hparam.description)
            j.raw(","); j.key("type"); j.string((hparam.type ?? .string).rawValue)
            j.raw(","); j.key("domain")
            if let domain = hparam.domain { j.array(domain) { $0.hparamValue($1) } } else { j.raw("null") }
            j.raw(","); j.key("interval")
            if let interval = hparam.interval {
                j.raw("{"); j.key("min"); j.number(interval.min); j.raw(","); j.key("max"); j.number(interval.max); j.raw("}")
            } else {
                j.raw("null")
            }
            j.raw("}")
        }
        j.raw(","); j.key("metrics")
        j.array(table.metrics) { j, metric in
            j.raw("{"); j.key("tag"); j.string(metric.tag)
            j.raw(","); j.key("displayName"); j.string(metric.displayName)
            j.raw(","); j.key("description"); j.string(metric.description)
            j.raw("}")
        }
        // Sessions by column: a list per field, and per hyper-parameter and metric a list of
        // every session's values, so 10,000 sessions parse as a few dozen arrays. The columns
        // are gathered in one pass: a pass per column copied every session 40 times.
        var names: [String] = [], runs: [[String]] = [], statuses: [String?] = [], starts: [Double] = [], ends: [Double?] = []
        var values = [[HParamValue?]](repeating: [], count: table.hparams.count)
        var metrics = [[(value: Double, step: Int64)?]](repeating: [], count: table.metrics.count)
        for session in table.sessions {
            names.append(session.name)
            runs.append(session.runs)
            statuses.append(session.status.map(Self.statusName))
            starts.append(session.startTime)
            ends.append(session.endTime)
            for (column, value) in session.values.enumerated() { values[column].append(value) }
            for (column, metric) in session.metrics.enumerated() { metrics[column].append(metric) }
        }
        j.raw(","); j.key("sessions")
        j.raw("{"); j.key("name"); j.stringArray(names)
        j.raw(","); j.key("runs"); j.array(runs) { $0.stringArray($1) }
        j.raw(","); j.key("status"); j.array(statuses) { j, status in if let status { j.string(status) } else { j.raw("null") } }
        j.raw(","); j.key("startTime"); j.array(starts) { $0.number($1) }
        j.raw(","); j.key("endTime"); j.array(ends) { j, end in if let end { j.number(end) } else { j.raw("null") } }
        j.raw(","); j.key("values"); j.array(values) { j, column in j.array(column) { $0.hparamValue($1) } }
        j.raw(","); j.key("metrics")
        j.array(metrics) { j, column in j.array(column) { j, m in if let m { j.number(m.value) } else { j.raw("null") } } }
        j.raw(","); j.key("metricSteps")
        j.array(metrics) { j, column in j.array(column) { j, m in if let m { j.number(m.step) } else { j.raw("null") } } }
        j.raw("}")
        j.raw("}")
        return j
    }

    private static func statusName(_ status: TBHParamsStatus) -> String {
        switch status {
        case .success: "success"
        case .failure: "failure"
        case .running: "running"
        default: "unknown"
        }
    }
}

extension JSONText {
    /// A hyper-parameter's value as its JSON type; `null` when absent.
    mutating func hparamValue(_ value: HParamValue?) {
        switch value {
        case .number(let number): self.number(number)
        case .string(let text): string(text)
        case .bool(let flag): raw(flag ? "true" : "false")
        case nil: raw("null")
        }
    }
}
