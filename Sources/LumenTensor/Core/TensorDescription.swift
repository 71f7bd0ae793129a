import Foundation

extension Tensor: CustomStringConvertible {
    /// The tensor printed as torch prints it, e.g. `tensor([[1., 2.], [3., 4.]])`.
    ///
    /// ```swift
    /// print(Tensor([1.5, 2]))   // tensor([1.5000, 2.0000])
    /// ```
    public var description: String {
        let body = Self.format(storage, shape: shape, indent: 7)
        var suffix = ""
        if let gradFn { suffix = ", grad_fn=<\(gradFn.name)>" } else if requiresGrad { suffix = ", requires_grad=True" }
        return "tensor(\(body)\(suffix))"
    }

    /// Formats values as torch does by default: integers as `1.`, else 4 decimals, or
    /// scientific notation when magnitudes span too widely.
    static func format(_ values: [Float], shape: [Int], indent: Int) -> String {
        let finite = values.filter { $0.isFinite }
        let allIntegral = finite.allSatisfy { $0 == $0.rounded() }
        let largest = finite.map { Swift.abs($0) }.max() ?? 0
        let smallest = finite.map { Swift.abs($0) }.filter { $0 != 0 }.min() ?? 0
        let scientific = !finite.isEmpty && (largest > 1e8 || (largest / Swift.max(smallest, .leastNonzeroMagnitude) > 1000 && !allIntegral) || (smallest < 1e-4 && !allIntegral))
        func text(_ v: Float) -> String {
            if v.isNaN { return "nan" }
            if v.isInfinite { return v > 0 ? "inf" : "-inf" }
            if scientific { return formatScientific(v) }
            if allIntegral { return "\(Int(v))." }
            return formatFixed(v)
        }
        let cells = values.map(text)
        let width = cells.map(\.count).max() ?? 0
        let padded = cells.map { String(repeating: " ", count: width - $0.count) + $0 }
        if shape.isEmpty { return cells.first ?? "" }
        return nested(padded[...], shape: shape[...], indent: indent)
    }

    private static func nested(_ cells: ArraySlice<String>, shape: ArraySlice<Int>, indent: Int) -> String {
        guard let first = shape.first else { return cells.first ?? "" }
        if shape.count == 1 { return "[" + cells.joined(separator: ", ") + "]" }
        let inner = shape.dropFirst().reduce(1, *)
        let parts = (0..<first).map { i -> String in
            let start = cells.startIndex + i * inner
            return nested(cells[start..<start + inner], shape: shape.dropFirst(), indent: indent + 1)
        }
        let separator = "," + String(repeating: "\n", count: shape.count - 1) + String(repeating: " ", count: indent + 1)
        return "[" + parts.joined(separator: separator) + "]"
    }

    private static func formatFixed(_ v: Float) -> String {
        let scaled = (Double(v) * 10_000).rounded()
        let negative = scaled < 0 || (scaled == 0 && v.sign == .minus)
        let magnitude = Int(Swift.abs(scaled))
        let fraction = String(magnitude % 10_000)
        return (negative ? "-" : "") + "\(magnitude / 10_000)." + String(repeating: "0", count: 4 - fraction.count) + fraction
    }

    private static func formatScientific(_ v: Float) -> String {
        if v == 0 { return "0.0000e+00" }
        var exponent = Int(Foundation.floor(Foundation.log10(Double(Swift.abs(v)))))
        var mantissa = (Double(v) / Foundation.pow(10, Double(exponent)) * 10_000).rounded() / 10_000
        if Swift.abs(mantissa) >= 10 { mantissa /= 10; exponent += 1 }
        let m = formatFixed(Float(mantissa))
        let sign = exponent < 0 ? "-" : "+"
        let e = String(Swift.abs(exponent))
        return m + "e" + sign + (e.count < 2 ? "0" + e : e)
    }
}
