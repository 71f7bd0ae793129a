import Foundation

/// Writes numbers, lists and padded cells as Python's `str.format` does in torchsummary's and
/// torchinfo's tables.
enum PythonFormat {
    /// `{:,}`: `11,689,512`.
    static func grouped(_ value: Int) -> String {
        let digits = String(value.magnitude)
        return (value < 0 ? "-" : "") + groupingThousands(digits)
    }

    /// `%0.2f`: `0.30`. C's formatting rounds the exact binary value, as Python's does.
    static func fixed2(_ value: Double) -> String { String(format: "%.2f", value) }

    /// `{:,.2f}`: `1,814.08`.
    static func groupedFixed2(_ value: Double) -> String {
        let text = fixed2(value)
        let negative = text.hasPrefix("-")
        let unsigned = negative ? text.dropFirst() : Substring(text)
        let parts = unsigned.split(separator: ".", maxSplits: 1)
        return (negative ? "-" : "") + groupingThousands(String(parts[0])) + "." + parts[1]
    }

    /// `str(list)`: `[1, 3, 32, 32]`.
    static func list(_ values: [Int]) -> String {
        "[" + values.map(String.init).joined(separator: ", ") + "]"
    }

    /// `{:>width}`: `text` right-aligned; longer text is kept whole. Widths count code points,
    /// as Python's do.
    static func right(_ text: String, _ width: Int) -> String {
        String(repeating: " ", count: max(0, width - text.unicodeScalars.count)) + text
    }

    /// `{:<width}`: `text` left-aligned; longer text is kept whole.
    static func left(_ text: String, _ width: Int) -> String {
        text + String(repeating: " ", count: max(0, width - text.unicodeScalars.count))
    }

    private static func groupingThousands(_ digits: String) -> String {
        var groups: [Substring] = []
        var end = digits.endIndex
        while end > digits.startIndex {
            let start = digits.index(end, offsetBy: -3, limitedBy: digits.startIndex) ?? digits.startIndex
            groups.insert(digits[start..<end], at: 0)
            end = start
        }
        return groups.joined(separator: ",")
    }
}
