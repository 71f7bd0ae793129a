import Hummingbird
import LumenBoard

extension BoardAPI {
    /// `GET /api/hparams`: the experiment's hyper-parameters and metrics, and every session
    /// (`HParamsTable`) with its values in the same order: no cap on sessions, each
    /// session's values as arrays so 10,000 sessions stay a few megabytes.
    func hparams() -> Response {
        let table = HParamsTable(store: store)
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
        j.raw(","); j.key("sessions")
        j.array(table.sessions) { j, session in
            j.raw("{"); j.key("name"); j.string(session.name)
            j.raw(","); j.key("runs"); j.stringArray(session.runs)
            j.raw(","); j.key("values"); j.array(session.values) { $0.hparamValue($1) }
            j.raw(","); j.key("metrics"); j.array(session.metrics) { j, m in if let m { j.number(m.value) } else { j.raw("null") } }
            j.raw(","); j.key("metricSteps"); j.array(session.metrics) { j, m in if let m { j.number(m.step) } else { j.raw("null") } }
            j.raw(","); j.key("status")
            if let status = session.status { j.string(Self.statusName(status)) } else { j.raw("null") }
            j.raw(","); j.key("startTime"); j.number(session.startTime)
            j.raw(","); j.key("endTime")
            if let end = session.endTime { j.number(end) } else { j.raw("null") }
            j.raw("}")
        }
        j.raw("}")
        return JSONBody(j).response()
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
