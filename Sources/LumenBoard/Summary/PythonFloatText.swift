/// Numbers as Python's `repr(float)` and `str(float)` print them — the text PyTorch writes into
/// an embedding's `tensors.tsv`: the shortest digits that read back as the same double, in
/// positional notation when the decimal point falls within 16 places left or 4 places right of
/// the first digit (`1000000000000000.0`, `0.0001`), in scientific notation otherwise (`1e+16`,
/// `1e-05`); `nan`, `inf`, `-inf`, `-0.0`.
enum PythonFloatText {
    static func repr(_ x: Double) -> String {
        if x.isNaN { return "nan" }
        if x.isInfinite { return x < 0 ? "-inf" : "inf" }
        if x == 0 { return x.sign == .minus ? "-0.0" : "0.0" }
        // Swift's description has the same shortest round-trip digits; only the layout differs.
        let (digits, pointPosition) = decimalDigits(x.magnitude.description)
        let sign = x < 0 ? "-" : ""
        if pointPosition > -4 && pointPosition <= 16 {
            if pointPosition <= 0 { return sign + "0." + String(repeating: "0", count: -pointPosition) + digits }
            if pointPosition >= digits.count {
                return sign + digits + String(repeating: "0", count: pointPosition - digits.count) + ".0"
            }
            let split = digits.index(digits.startIndex, offsetBy: pointPosition)
            return sign + digits[..<split] + "." + digits[split...]
        }
        let exponent = pointPosition - 1
        let mantissa = digits.count == 1 ? digits : String(digits.first!) + "." + digits.dropFirst()
        let exponentDigits = String(exponent.magnitude)
        return sign + mantissa + "e" + (exponent < 0 ? "-" : "+") + (exponentDigits.count < 2 ? "0" : "") + exponentDigits
    }

    /// The significant digits of a positive number's text ("123.45", "1.5e-07") without leading or
    /// trailing zeros, and where the decimal point falls relative to the first of them: the
    /// number is 0.d₁d₂… × 10^pointPosition.
    private static func decimalDigits(_ text: String) -> (digits: String, pointPosition: Int) {
        let parts = text.split(separator: "e", maxSplits: 1)
        let exponent = parts.count == 2 ? Int(parts[1])! : 0
        let mantissa = parts[0]
        let integerPart = mantissa.prefix { $0 != "." }
        var digits = Substring(mantissa.filter { $0 != "." })
        var pointPosition = integerPart.count + exponent
        while digits.first == "0" {
            digits.removeFirst()
            pointPosition -= 1
        }
        while digits.last == "0" { digits.removeLast() }
        return (String(digits), pointPosition)
    }
}
