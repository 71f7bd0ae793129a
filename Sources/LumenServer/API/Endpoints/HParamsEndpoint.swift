import Hummingbird
import LumenBoard

extension BoardAPI {
    /// `GET /api/hparams`: the experiment's hyper-parameters and metrics, and every session
    /// (`HParamsTable`) in columns: no cap on sessions, and 10,000 of them parse as a few
    /// dozen arrays rather than tens of thousands of objects. With `?numbers=binary` the same
    /// answer sends its columns of numbers as float64s after the JSON (``hparamsBinary(_:)``):
    /// the page then parses none of them.
    func hparams(_ request: Request) throws -> Response {
        switch QueryParameters(request.uri.query).optionalString("numbers") {
        case nil, "json": return hparamsAnswer().response(to: request)
        case "binary": return hparamsBinaryAnswer().response(to: request)
        case let other?:
            throw APIError.badRequest("query parameter \"numbers\" must be json or binary, got \(APIError.quoted(other))", parameter: "numbers")
        }
    }

    /// `/api/hparams`'s answer for what the store holds now, kept (gzipped too) until it changes.
    func hparamsAnswer() -> PreparedAnswer {
        hparamsAnswers.value(for: store) {
            var numbers: [[Double]]? = nil
            return PreparedAnswer(Self.hparamsJSON(HParamsTable(store: store), numbers: &numbers))
        }
    }

    /// `/api/hparams?numbers=binary`'s answer for what the store holds now, kept likewise.
    func hparamsBinaryAnswer() -> PreparedAnswer {
        hparamsBinaryAnswers.value(for: store) {
            PreparedAnswer(bytes: Self.hparamsBinary(HParamsTable(store: store)), contentType: "application/octet-stream")
        }
    }

    /// The binary layout of `table`'s answer: the JSON's length in bytes (a little-endian
    /// UInt32), the JSON, spaces up to the next multiple of 8 bytes, then each of its columns
    /// of numbers as one little-endian float64 per session, NaN where the JSON would say null.
    /// 10,000 sessions × 30 random hyper-parameters × 5 metrics are 4.6 MB of JSON, 3.5 MB of
    /// it numbers (about 50–60 ms for a browser to parse); this way those take 2.6 MB and no
    /// parsing.
    static func hparamsBinary(_ table: HParamsTable) -> [UInt8] {
        var columns: [[Double]]? = []
        let json = hparamsJSON(table, numbers: &columns).bytes
        let numbers = columns ?? []
        let start = (4 + json.count + 7) / 8 * 8
        var bytes: [UInt8] = []
        bytes.reserveCapacity(start + numbers.reduce(0) { $0 + $1.count } * 8)
        withUnsafeBytes(of: UInt32(json.count).littleEndian) { bytes.append(contentsOf: $0) }
        bytes += json
        bytes += repeatElement(UInt8(ascii: " "), count: start - bytes.count)
        for column in numbers {
            for value in column { withUnsafeBytes(of: value.bitPattern.littleEndian) { bytes.append(contentsOf: $0) } }
        }
        return bytes
    }

    /// `/api/hparams`'s answer for `table`. When `numbers` is given (the binary layout), each
    /// column of numbers is appended to it instead, and the JSON holds `{"f64": k}` in its
    /// place, k its index there.
    private static func hparamsJSON(_ table: HParamsTable, numbers: inout [[Double]]?) -> JSONText {
        var j = JSONText()
        // A column of numbers, nil where a session has none (or not finite, as JSON has no such number).
        func numberColumn(_ column: [Double?]) {
            if numbers != nil {
                j.raw("{"); j.key("f64"); j.number(numbers!.count); j.raw("}")
                numbers!.append(column.map { value in value.flatMap { $0.isFinite ? $0 : nil } ?? .nan })
            } else {
                j.array(column) { j, value in if let value { j.number(value) } else { j.raw("null") } }
            }
        }
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
        j.raw(","); j.key("startTime"); numberColumn(starts)
        j.raw(","); j.key("endTime"); numberColumn(ends)
        j.raw(","); j.key("values")
        j.raw("[")
        for (k, column) in values.enumerated() {
            if k > 0 { j.raw(",") }
            if let numeric = Self.numbers(column) { numberColumn(numeric) } else { j.array(column) { $0.hparamValue($1) } }
        }
        j.raw("]")
        j.raw(","); j.key("metrics")
        j.raw("[")
        for (k, column) in metrics.enumerated() {
            if k > 0 { j.raw(",") }
            numberColumn(column.map { $0?.value })
        }
        j.raw("],"); j.key("metricSteps")
        j.raw("[")
        for (k, column) in metrics.enumerated() {
            if k > 0 { j.raw(",") }
            if numbers != nil {
                numberColumn(column.map { $0.map { Double($0.step) } })
            } else {
                j.array(column) { j, m in if let m { j.number(m.step) } else { j.raw("null") } }
            }
        }
        j.raw("]")
        j.raw("}")
        j.raw("}")
        return j
    }

    /// The column as numbers when each value is a number or absent, else nil.
    private static func numbers(_ column: [HParamValue?]) -> [Double?]? {
        var out: [Double?] = []
        out.reserveCapacity(column.count)
        for value in column {
            switch value {
            case .number(let x): out.append(x)
            case nil: out.append(nil)
            case .string, .bool: return nil
            }
        }
        return out
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
