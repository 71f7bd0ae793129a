/// The text of table cells, appended as UTF-8 bytes: numbers in their shortest form that reads
/// back to the same value, CSV fields quoted per RFC 4180, JSON strings escaped.
enum TableText {
    /// An integer in decimal.
    static func append(_ n: Int64, to out: inout [UInt8]) {
        if n < 0 {
            out.append(UInt8(ascii: "-"))
            // The magnitude of Int64.min does not fit an Int64; as UInt64 it does.
            appendMagnitude(UInt64(bitPattern: 0 &- n), to: &out)
        } else {
            appendMagnitude(UInt64(n), to: &out)
        }
    }

    private static func appendMagnitude(_ n: UInt64, to out: inout [UInt8]) {
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)  // 24 bytes: room for 20 digits
        withUnsafeMutableBytes(of: &digits) { raw in
            var i = raw.count, rest = n
            repeat {
                i -= 1
                raw[i] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: rest % 10)
                rest /= 10
            } while rest > 0
            out.append(contentsOf: raw[i...])
        }
    }

    /// A finite number in its shortest round-trip form (Swift's `description`: `0.1`, `1e-07`,
    /// `1700000000.25`); non-finite ones as `nan`, `inf`, `-inf` in CSV (what pandas and
    /// Python's `float()` read) and as the strings `"NaN"`, `"Infinity"`, `"-Infinity"` in
    /// JSON (protobuf's JSON mapping; JSON has no such numbers).
    static func append<F: BinaryFloatingPoint & LosslessStringConvertible>(_ x: F, json: Bool, to out: inout [UInt8]) {
        if json && !x.isFinite {
            let word = x.isNaN ? "\"NaN\"" : x < 0 ? "\"-Infinity\"" : "\"Infinity\""
            out.append(contentsOf: word.utf8)
            return
        }
        var text = x.description
        text.withUTF8 { out.append(contentsOf: $0) }
    }

    /// A CSV field: quoted, with quotes doubled, when it holds a comma, a quote, or a line break.
    static func appendCSV(_ field: String, to out: inout [UInt8]) {
        let needsQuotes = field.utf8.contains { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 0x0A || $0 == 0x0D }
        guard needsQuotes else {
            out.append(contentsOf: field.utf8)
            return
        }
        out.append(UInt8(ascii: "\""))
        for byte in field.utf8 {
            if byte == UInt8(ascii: "\"") { out.append(byte) }
            out.append(byte)
        }
        out.append(UInt8(ascii: "\""))
    }

    /// A JSON string literal: quotes, backslashes and control characters escaped.
    static func appendJSON(_ string: String, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        for byte in string.utf8 {
            switch byte {
            case UInt8(ascii: "\""): out.append(contentsOf: #"\""#.utf8)
            case UInt8(ascii: "\\"): out.append(contentsOf: #"\\"#.utf8)
            case 0x0A: out.append(contentsOf: #"\n"#.utf8)
            case 0x0D: out.append(contentsOf: #"\r"#.utf8)
            case 0x09: out.append(contentsOf: #"\t"#.utf8)
            case 0..<0x20:
                let hex = Array("0123456789abcdef".utf8)
                out.append(contentsOf: #"\u00"#.utf8)
                out.append(hex[Int(byte >> 4)])
                out.append(hex[Int(byte & 0xF)])
            default: out.append(byte)
            }
        }
        out.append(UInt8(ascii: "\""))
    }

    /// Numbers as a JSON array: `[1.0,2.5]`.
    static func appendJSONArray(_ numbers: [Double], to out: inout [UInt8]) {
        out.append(UInt8(ascii: "["))
        for (i, x) in numbers.enumerated() {
            if i > 0 { out.append(UInt8(ascii: ",")) }
            append(x, json: true, to: &out)
        }
        out.append(UInt8(ascii: "]"))
    }
}
