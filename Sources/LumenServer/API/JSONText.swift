/// Builds JSON text directly: the API sends long number arrays, which this writes several
/// times faster than a general encoder. Non-finite numbers become `null`.
struct JSONText {
    private(set) var text = ""

    init() { text.reserveCapacity(1024) }

    mutating func raw(_ s: String) { text += s }

    mutating func string(_ s: String) {
        text += "\""
        // Most strings (names, tags, ids) need no escape: appended whole.
        guard s.utf8.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }) else {
            text += s
            text += "\""
            return
        }
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": text += "\\\""
            case "\\": text += "\\\\"
            case "\n": text += "\\n"
            case "\r": text += "\\r"
            case "\t": text += "\\t"
            case let c where c.value < 0x20:
                let hex = String(c.value, radix: 16)
                text += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: text.unicodeScalars.append(scalar)
            }
        }
        text += "\""
    }

    mutating func number(_ v: Double) { text += v.isFinite ? "\(v)" : "null" }
    /// A Float as the Double it equals, so JavaScript reads back exactly the logged value.
    mutating func number(_ v: Float) { number(Double(v)) }
    mutating func number(_ v: Int64) { text += "\(v)" }
    mutating func number(_ v: Int) { text += "\(v)" }

    mutating func key(_ k: String) {
        string(k)
        text += ":"
    }

    /// `[a, b, …]` with `element` writing each item.
    mutating func array<S: Sequence>(_ items: S, _ element: (inout JSONText, S.Element) -> Void) {
        text += "["
        var first = true
        for item in items {
            if !first { text += "," }
            first = false
            element(&self, item)
        }
        text += "]"
    }

    mutating func stringArray<S: Sequence<String>>(_ items: S) { array(items) { $0.string($1) } }
}
