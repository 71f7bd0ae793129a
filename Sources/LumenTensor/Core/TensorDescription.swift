import Foundation

extension Tensor: CustomStringConvertible {
    /// The tensor printed as torch prints it: `tensor([[1., 2.],` / `        [3., 4.]])`, with
    /// torch's number formats, lines wrapped at 80 columns, and tensors of more than 1,000
    /// elements summarized with `...` (3 items at each end of every dimension).
    ///
    /// ```swift
    /// print(Tensor([1.5, 2]))   // tensor([1.5000, 2.0000])
    /// ```
    public var description: String {
        let summarize = count > TensorPrinter.threshold
        let printer = TensorPrinter(values: summarize ? summarizedValues() : storage)
        var text = "tensor(" + printer.format(storage, shape: shape, indent: 7, summarize: summarize)
        var suffixes: [String] = []
        if let gradFn { suffixes.append("grad_fn=<\(gradFn.name)>") } else if requiresGrad { suffixes.append("requires_grad=True") }
        var lastLine = text.count - (text.lastIndex(of: "\n").map { text.distance(from: text.startIndex, to: $0) } ?? -1) + 1
        for suffix in suffixes {
            if lastLine + suffix.count + 2 > TensorPrinter.lineWidth {
                text += ",\n" + String(repeating: " ", count: 7) + suffix
                lastLine = 7 + suffix.count
            } else {
                text += ", " + suffix
                lastLine += suffix.count + 2
            }
        }
        return text + ")"
    }

    /// The values a summarized print shows (the first and last 3 along every dimension), from
    /// which torch picks the number format.
    private func summarizedValues() -> [Float] {
        func collect(_ offset: Int, _ dim: Int) -> [Float] {
            if dim == rank { return [storage[offset]] }
            let stride = shape[(dim + 1)...].reduce(1, *), size = shape[dim]
            let edge = TensorPrinter.edgeItems
            let indices = size > 2 * edge ? Array(0..<edge) + Array((size - edge)..<size) : Array(0..<size)
            return indices.flatMap { collect(offset + $0 * stride, dim + 1) }
        }
        return collect(0, 0)
    }
}

/// torch's default print options and number formatter (`torch/_tensor_str.py`).
struct TensorPrinter {
    static let threshold = 1000, edgeItems = 3, lineWidth = 80, precision = 4

    private let integral: Bool
    private let scientific: Bool
    private let width: Int

    /// Picks the format from the values shown: whole numbers as `1.`, else fixed with 4
    /// decimals, or scientific when the magnitudes span more than 1000×, exceed 1e8, or (for
    /// non-integers) fall below 1e-4.
    init(values: [Float]) {
        let finite = values.filter(\.isFinite)
        let magnitudes = finite.map { Double(Swift.abs($0)) }.filter { $0 != 0 }
        integral = finite.allSatisfy { $0 == $0.rounded() }
        if let largest = magnitudes.max(), let smallest = magnitudes.min() {
            scientific = largest / smallest > 1000 || largest > 1e8 || (!integral && smallest < 1e-4)
        } else {
            scientific = false
        }
        var width = 0
        for v in values { width = Swift.max(width, Self.text(v, integral: integral, scientific: scientific).count) }
        self.width = width
    }

    private static func text(_ v: Float, integral: Bool, scientific: Bool) -> String {
        if v.isNaN { return "nan" }
        if v.isInfinite { return v > 0 ? "inf" : "-inf" }
        if scientific { return String(format: "%.\(precision)e", Double(v)) }
        if integral { return String(format: "%.0f.", Double(v)) }
        return String(format: "%.\(precision)f", Double(v))
    }

    private func cell(_ v: Float) -> String {
        let s = Self.text(v, integral: integral, scientific: scientific)
        return String(repeating: " ", count: Swift.max(0, width - s.count)) + s
    }

    /// The nested brackets of a tensor whose opening bracket sits at column `indent`.
    func format(_ values: [Float], shape: [Int], indent: Int, summarize: Bool) -> String {
        shape.isEmpty ? Self.text(values[0], integral: integral, scientific: scientific)
            : block(values, offset: 0, shape: shape[...], indent: indent, summarize: summarize)
    }

    private func block(_ values: [Float], offset: Int, shape: ArraySlice<Int>, indent: Int, summarize: Bool) -> String {
        let size = shape.first!
        let step = shape.dropFirst().reduce(1, *)
        let cut = summarize && size > 2 * Self.edgeItems
        let indices: [Int?] = cut ? Array(0..<Self.edgeItems) + [nil] + Array((size - Self.edgeItems)..<size) : Array(0..<size)
        if shape.count == 1 {
            let cells = indices.map { $0.map { cell(values[offset + $0]) } ?? " ..." }
            let perLine = Swift.max(1, (Self.lineWidth - indent) / (width + 2))
            let lines = stride(from: 0, to: cells.count, by: perLine).map { cells[$0..<Swift.min($0 + perLine, cells.count)].joined(separator: ", ") }
            return "[" + lines.joined(separator: ",\n" + String(repeating: " ", count: indent + 1)) + "]"
        }
        let parts = indices.map { index in
            index.map { block(values, offset: offset + $0 * step, shape: shape.dropFirst(), indent: indent + 1, summarize: summarize) } ?? "..."
        }
        let separator = "," + String(repeating: "\n", count: shape.count - 1) + String(repeating: " ", count: indent + 1)
        return "[" + parts.joined(separator: separator) + "]"
    }
}
