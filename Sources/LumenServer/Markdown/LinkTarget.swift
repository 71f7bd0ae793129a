/// A link destination that is safe to put in an `href`: percent-encoded so that it holds no
/// space, control, quote or angle bracket, and whose scheme, if it has one, is http, https or
/// mailto. Anything else (`javascript:`, `data:`, `vbscript:`) is refused.
///
/// The encoded URL is still escaped when written, so every `&` in it reaches the browser as
/// `&amp;`: a character reference cannot spell a scheme the check here did not see.
struct LinkTarget {
    /// The destination, percent-encoded.
    let encoded: String

    private static let allowedSchemes: Set<String> = ["http", "https", "mailto"]

    /// The destination `raw` (backslash escapes already removed), or nil if its scheme is not
    /// allowed.
    init?<C: Collection>(_ raw: C) where C.Element == UInt8 {
        var out: [UInt8] = []
        out.reserveCapacity(raw.count)
        for byte in raw {
            if Self.keepsAsIs(byte) {
                out.append(byte)
            } else {
                out.append(UInt8(ascii: "%"))
                out.append(Self.hexDigit(byte >> 4))
                out.append(Self.hexDigit(byte & 0x0F))
            }
        }
        if let colon = out.firstIndex(of: UInt8(ascii: ":")), Self.isScheme(out[..<colon]) {
            let scheme = String(decoding: out[..<colon], as: UTF8.self).lowercased()
            guard Self.allowedSchemes.contains(scheme) else { return nil }
        }
        encoded = String(decoding: out, as: UTF8.self)
    }

    /// Whether `bytes` is a URL scheme: a letter, then letters, digits, `+`, `-` or `.`.
    static func isScheme(_ bytes: ArraySlice<UInt8>) -> Bool {
        guard let first = bytes.first, first.isASCIILetter else { return false }
        return bytes.allSatisfy { $0.isASCIILetter || $0.isASCIIDigit || $0 == UInt8(ascii: "+") || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: ".") }
    }

    /// Letters, digits and the URL punctuation that never needs encoding; `%` stays so that a
    /// destination already encoded is not encoded twice.
    private static func keepsAsIs(_ byte: UInt8) -> Bool {
        if byte >= 0x80 || byte <= 0x20 { return false }
        switch byte {
        case UInt8(ascii: "\""), UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "\\"), UInt8(ascii: "^"),
             UInt8(ascii: "`"), UInt8(ascii: "{"), UInt8(ascii: "|"), UInt8(ascii: "}"), 0x7F:
            return false
        default:
            return true
        }
    }

    private static func hexDigit(_ value: UInt8) -> UInt8 {
        value < 10 ? 0x30 + value : 0x41 + value - 10
    }
}
