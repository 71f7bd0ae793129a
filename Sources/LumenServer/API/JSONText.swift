/// Builds JSON text directly: the API sends long number arrays, which this writes several
/// times faster than a general encoder. Non-finite numbers become `null`.
struct JSONText {
    /// The UTF-8 bytes written so far (appending bytes is several times cheaper than growing a
    /// String, which checks and counts what each piece adds).
    private(set) var bytes: [UInt8] = []

    init() { bytes.reserveCapacity(1024) }

    /// The text written so far.
    var text: String { String(decoding: bytes, as: UTF8.self) }

    mutating func raw(_ s: String) { bytes.append(contentsOf: s.utf8) }

    mutating func string(_ s: String) {
        var s = s
        s.withUTF8 { utf8 in
            bytes.append(UInt8(ascii: "\""))
            // Most strings (names, tags, ids) need no escape: appended whole.
            if !utf8.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }) {
                bytes.append(contentsOf: utf8)
            } else {
                for byte in utf8 { escaped(byte) }
            }
            bytes.append(UInt8(ascii: "\""))
        }
    }

    /// One byte of a string's UTF-8, escaped as JSON needs (bytes of multi-byte characters
    /// pass through as they are).
    private mutating func escaped(_ byte: UInt8) {
        switch byte {
        case UInt8(ascii: "\""): raw("\\\"")
        case UInt8(ascii: "\\"): raw("\\\\")
        case UInt8(ascii: "\n"): raw("\\n")
        case UInt8(ascii: "\r"): raw("\\r")
        case UInt8(ascii: "\t"): raw("\\t")
        case ..<0x20:
            let hex = String(byte, radix: 16)
            raw("\\u" + String(repeating: "0", count: 4 - hex.count) + hex)
        default: bytes.append(byte)
        }
    }

    mutating func number(_ v: Double) { raw(v.isFinite ? v.description : "null") }
    /// A Float as the Double it equals, so JavaScript reads back exactly the logged value.
    mutating func number(_ v: Float) { number(Double(v)) }
    mutating func number(_ v: Int64) { raw(v.description) }
    mutating func number(_ v: Int) { raw(v.description) }

    mutating func key(_ k: String) {
        string(k)
        bytes.append(UInt8(ascii: ":"))
    }

    /// `[a, b, …]` with `element` writing each item.
    mutating func array<S: Sequence>(_ items: S, _ element: (inout JSONText, S.Element) -> Void) {
        bytes.append(UInt8(ascii: "["))
        var first = true
        for item in items {
            if !first { bytes.append(UInt8(ascii: ",")) }
            first = false
            element(&self, item)
        }
        bytes.append(UInt8(ascii: "]"))
    }

    mutating func stringArray<S: Sequence<String>>(_ items: S) { array(items) { $0.string($1) } }
}
