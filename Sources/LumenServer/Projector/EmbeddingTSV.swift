import Foundation

/// Reads the projector's tab-separated files: `tensors.tsv` (one point per line, its features as
/// decimal numbers) and `metadata.tsv` (one label per line, or a header line and columns).
enum EmbeddingTSV {
    /// The matrix in `bytes` (the text of the file named `file`).
    /// - Throws: ``ProjectorFileError`` naming the line of the first ragged row or non-number.
    static func matrix(_ bytes: [UInt8], file: String) throws -> EmbeddingMatrix {
        var values: [Float] = []
        values.reserveCapacity(bytes.count / 8)
        var columns = -1, rows = 0
        try bytes.withUnsafeBufferPointer { text in
            try forEachLine(text) { lineNumber, line in
                var count = 0, start = line.lowerBound
                for i in line.lowerBound...line.upperBound where i == line.upperBound || text[i] == 0x09 {
                    guard let value = number(text, start..<i) else {
                        let field = String(decoding: UnsafeBufferPointer(rebasing: text[start..<min(i, start + 40)]), as: UTF8.self)
                        throw ProjectorFileError(file: file, line: lineNumber,
                                                 message: "field \(count + 1) is \(field.debugDescription), not a number")
                    }
                    values.append(value)
                    count += 1
                    start = i + 1
                }
                if columns < 0 { columns = count }
                guard count == columns else {
                    throw ProjectorFileError(file: file, line: lineNumber,
                                             message: "\(count) values, but the first line has \(columns)")
                }
                rows += 1
            }
        }
        guard rows > 0 else { throw ProjectorFileError(file: file, line: nil, message: "no points") }
        return EmbeddingMatrix(rows: rows, columns: columns, values: values)
    }

    /// The columns of `metadata.tsv` for an embedding of `points` points, as TensorBoard reads
    /// them: a file whose first line has one field is one unnamed column with no header;
    /// otherwise the first line names the columns.
    /// - Throws: ``ProjectorFileError`` when a line's column count differs from the header's or
    ///   the label count from the point count.
    static func metadata(_ bytes: [UInt8], file: String, points: Int) throws -> EmbeddingMetadata {
        var lines: [[String]] = []
        var lineNumbers: [Int] = []
        try bytes.withUnsafeBufferPointer { text in
            try forEachLine(text) { number, line in
                lines.append(String(decoding: UnsafeBufferPointer(rebasing: text[line]), as: UTF8.self)
                    .split(separator: "\t", omittingEmptySubsequences: false).map(String.init))
                lineNumbers.append(number)
            }
        }
        guard let first = lines.first else { throw ProjectorFileError(file: file, line: nil, message: "no labels") }
        let hasHeader = first.count > 1
        let names = hasHeader ? first : ["label"]
        let rows = hasHeader ? Array(lines.dropFirst()) : lines
        if let bad = rows.indices.first(where: { rows[$0].count != names.count }) {
            throw ProjectorFileError(file: file, line: lineNumbers[bad + (hasHeader ? 1 : 0)],
                                     message: "\(rows[bad].count) columns, but the header has \(names.count)")
        }
        guard rows.count == points else {
            throw ProjectorFileError(file: file, line: nil,
                                     message: "\(rows.count) labels\(hasHeader ? " after the header" : ""), but the matrix has \(points) points")
        }
        return EmbeddingMetadata(names: names, columns: names.indices.map { c in rows.map { $0[c] } })
    }

    /// Calls `body` with each line's number (from 1) and range, without its `\n` or `\r\n`;
    /// a last line with no line break counts, an empty last line does not.
    private static func forEachLine(_ text: UnsafeBufferPointer<UInt8>, _ body: (Int, Range<Int>) throws -> Void) throws {
        var start = 0, number = 1
        while start < text.count {
            var end = start
            while end < text.count, text[end] != 0x0A { end += 1 }
            let contentEnd = end > start && text[end - 1] == 0x0D ? end - 1 : end
            try body(number, start..<contentEnd)
            number += 1
            start = end + 1
        }
    }

    /// Powers of ten a Double holds exactly.
    private static let exactPowers: [Double] = (0...22).map { pow(10, Double($0)) }

    /// The decimal number in `field`: exactly, from its digits, when the digits and exponent
    /// allow (Clinger's fast path); else by the C library's `strtof`. Nil when it is not one
    /// number (`nan` and `inf` are numbers, as Python prints them).
    private static func number(_ text: UnsafeBufferPointer<UInt8>, _ field: Range<Int>) -> Float? {
        guard !field.isEmpty else { return nil }
        var i = field.lowerBound
        let negative = text[i] == 0x2D
        if text[i] == 0x2D || text[i] == 0x2B { i += 1 }
        var mantissa: UInt64 = 0, digits = 0, exponent = 0, sawDigit = false, simple = true
        while i < field.upperBound, text[i] &- 0x30 < 10 {
            if digits < 19 { mantissa = mantissa &* 10 &+ UInt64(text[i] &- 0x30); if mantissa > 0 { digits += 1 } } else { exponent += 1; simple = false }
            sawDigit = true; i += 1
        }
        if i < field.upperBound, text[i] == 0x2E {
            i += 1
            while i < field.upperBound, text[i] &- 0x30 < 10 {
                if digits < 19 { mantissa = mantissa &* 10 &+ UInt64(text[i] &- 0x30); if mantissa > 0 { digits += 1 }; exponent -= 1 } else { simple = false }
                sawDigit = true; i += 1
            }
        }
        if sawDigit, i < field.upperBound, text[i] | 0x20 == 0x65 {
            i += 1
            var sign = 1, power = 0, sawPower = false
            if i < field.upperBound, text[i] == 0x2D || text[i] == 0x2B { sign = text[i] == 0x2D ? -1 : 1; i += 1 }
            while i < field.upperBound, text[i] &- 0x30 < 10 { power = min(power * 10 + Int(text[i] &- 0x30), 100_000); sawPower = true; i += 1 }
            guard sawPower else { return nil }
            exponent += sign * power
        }
        if sawDigit, i == field.upperBound, simple, mantissa < (1 << 53), abs(exponent) <= 22 {
            let magnitude = exponent < 0 ? Double(mantissa) / exactPowers[-exponent] : Double(mantissa) * exactPowers[exponent]
            return Float(negative ? -magnitude : magnitude)
        }
        return libraryNumber(text, field)
    }

    private static func libraryNumber(_ text: UnsafeBufferPointer<UInt8>, _ field: Range<Int>) -> Float? {
        guard field.count < 64 else { return nil }
        return withUnsafeTemporaryAllocation(of: CChar.self, capacity: 64) { buffer in
            for (k, i) in field.enumerated() { buffer[k] = CChar(bitPattern: text[i]) }
            buffer[field.count] = 0
            var end: UnsafeMutablePointer<CChar>?
            let value = strtof(buffer.baseAddress!, &end)
            guard let end, end - buffer.baseAddress! == field.count, !buffer[0].isWhitespace else { return nil }
            return value
        }
    }
}

private extension CChar {
    var isWhitespace: Bool { self == 0x20 || (self >= 0x09 && self <= 0x0D) }
}
