/// One line of a Markdown document, with the questions the block parser asks of it at a
/// position. Tabs in the line's prefix of indentation and container markers are expanded to
/// 4-column stops; later tabs are text.
struct MarkdownLine {
    let bytes: [UInt8]

    init<C: Collection>(_ raw: C) where C.Element == UInt8 {
        var expanded: [UInt8] = []
        expanded.reserveCapacity(raw.count)
        var inPrefix = true
        for byte in raw {
            inPrefix = inPrefix && Self.mayStartLine(byte)
            if byte == 0x09, inPrefix {
                expanded.append(contentsOf: repeatElement(0x20, count: 4 - expanded.count % 4))
            } else {
                expanded.append(byte)
            }
        }
        bytes = expanded
    }

    /// Whether `byte` may be part of a line's indentation, quote or list markers.
    private static func mayStartLine(_ byte: UInt8) -> Bool {
        switch byte {
        case 0x20, 0x09, UInt8(ascii: ">"), UInt8(ascii: "-"), UInt8(ascii: "*"), UInt8(ascii: "+"), UInt8(ascii: "."), UInt8(ascii: ")"): true
        default: byte >= 0x30 && byte <= 0x39
        }
    }

    var count: Int { bytes.count }

    subscript(index: Int) -> UInt8? { index < bytes.count ? bytes[index] : nil }

    /// The number of spaces from `position`.
    func indent(from position: Int) -> Int {
        var end = position
        while end < bytes.count, bytes[end] == 0x20 { end += 1 }
        return end - position
    }

    /// Whether only spaces follow `position`.
    func isBlank(from position: Int) -> Bool { position + indent(from: position) >= bytes.count }

    /// The bytes from `position` to the end.
    func rest(from position: Int) -> ArraySlice<UInt8> { bytes[min(position, bytes.count)...] }

    /// A thematic break at `start`: three or more of one of `*`, `-`, `_`, with only spaces between.
    func isThematicBreak(at start: Int) -> Bool {
        guard let mark = self[start], mark == UInt8(ascii: "*") || mark == UInt8(ascii: "-") || mark == UInt8(ascii: "_") else { return false }
        var marks = 0
        for byte in bytes[start...] {
            if byte == mark { marks += 1 } else if byte != 0x20 { return false }
        }
        return marks >= 3
    }

    /// The level of a setext underline at `start` (`===` → 1, `---` → 2), if the line is one.
    func setextLevel(at start: Int) -> Int? {
        guard let mark = self[start], mark == UInt8(ascii: "=") || mark == UInt8(ascii: "-") else { return nil }
        var end = start
        while end < bytes.count, bytes[end] == mark { end += 1 }
        guard isBlank(from: end) else { return nil }
        return mark == UInt8(ascii: "=") ? 1 : 2
    }

    /// An ATX heading at `start`: its level and its text without the closing `#`s.
    func atxHeading(at start: Int) -> (level: Int, text: ArraySlice<UInt8>)? {
        var level = 0
        while level < 7, self[start + level] == UInt8(ascii: "#") { level += 1 }
        guard (1...6).contains(level) else { return nil }
        let after = start + level
        guard after == bytes.count || bytes[after] == 0x20 else { return nil }
        var end = bytes.count
        while end > after, bytes[end - 1] == 0x20 { end -= 1 }
        var closing = end
        while closing > after, bytes[closing - 1] == UInt8(ascii: "#") { closing -= 1 }
        if closing == after || bytes[closing - 1] == 0x20 { end = closing }
        var textStart = after
        while textStart < end, bytes[textStart] == 0x20 { textStart += 1 }
        while end > textStart, bytes[end - 1] == 0x20 { end -= 1 }
        return (level, bytes[textStart..<end])
    }

    /// An opening code fence at `start`: three or more backticks or tildes (a backtick fence's
    /// info string may hold no backtick).
    func openingFence(at start: Int) -> (fence: UInt8, length: Int)? {
        guard let fence = self[start], fence == UInt8(ascii: "`") || fence == UInt8(ascii: "~") else { return nil }
        var end = start
        while end < bytes.count, bytes[end] == fence { end += 1 }
        guard end - start >= 3 else { return nil }
        if fence == UInt8(ascii: "`"), bytes[end...].contains(fence) { return nil }
        return (fence, end - start)
    }

    /// Whether the line from `position` closes a fence of `length` × `fence`.
    func closesFence(_ fence: UInt8, length: Int, from position: Int) -> Bool {
        let indent = indent(from: position)
        guard indent <= 3 else { return false }
        var end = position + indent
        while end < bytes.count, bytes[end] == fence { end += 1 }
        return end - position - indent >= length && isBlank(from: end)
    }

    /// A list item marker at `start`: the marker, where the item's content begins, and whether
    /// the item is empty on this line.
    func listMarker(at start: Int) -> (marker: ListMarker, contentStart: Int, isEmpty: Bool)? {
        guard let first = self[start] else { return nil }
        var marker: ListMarker
        var end = start
        if first == UInt8(ascii: "-") || first == UInt8(ascii: "+") || first == UInt8(ascii: "*") {
            marker = ListMarker(ordered: false, character: first, start: 1)
            end += 1
        } else {
            var number = 0
            while end - start < 9, let digit = self[end], digit >= 0x30, digit <= 0x39 {
                number = number * 10 + Int(digit - 0x30)
                end += 1
            }
            guard end > start, let delimiter = self[end], delimiter == UInt8(ascii: ".") || delimiter == UInt8(ascii: ")") else { return nil }
            marker = ListMarker(ordered: true, character: delimiter, start: number)
            end += 1
        }
        if end == bytes.count { return (marker, end + 1, true) }
        guard bytes[end] == 0x20 else { return nil }
        let spaces = indent(from: end)
        if end + spaces == bytes.count { return (marker, end + 1, true) }
        return (marker, end + (spaces >= 5 ? 1 : spaces), false)
    }

    /// The column alignments of a table delimiter row from `start` (`| :-- | :-: | --: |`), if
    /// the line is one. It must hold a `|`, so that `---` under a line stays a heading.
    func tableDelimiterRow(from start: Int) -> [TableAlignment]? {
        let cells = TableRow.cells(rest(from: start))
        guard bytes[start...].contains(UInt8(ascii: "|")), !cells.isEmpty else { return nil }
        var alignments: [TableAlignment] = []
        for cell in cells {
            var dashes = cell
            let left = dashes.first == UInt8(ascii: ":")
            if left { dashes = dashes.dropFirst() }
            let right = dashes.last == UInt8(ascii: ":")
            if right { dashes = dashes.dropLast() }
            guard !dashes.isEmpty, dashes.allSatisfy({ $0 == UInt8(ascii: "-") }) else { return nil }
            alignments.append(left && right ? .center : left ? .left : right ? .right : .none)
        }
        return alignments
    }
}

/// Splitting a table row into its cells.
enum TableRow {
    /// The cells of `row`, split at each `|` not escaped by a backslash, without an outer
    /// leading or trailing `|`, each trimmed of spaces.
    static func cells(_ row: ArraySlice<UInt8>) -> [ArraySlice<UInt8>] {
        var cells: [ArraySlice<UInt8>] = []
        var cellStart = row.startIndex
        var index = row.startIndex
        while index < row.endIndex {
            if row[index] == UInt8(ascii: "\\") {
                index += 2
                continue
            }
            if row[index] == UInt8(ascii: "|") {
                cells.append(row[cellStart..<index])
                cellStart = index + 1
            }
            index += 1
        }
        cells.append(row[cellStart..<row.endIndex])
        cells = cells.map(trimmed)
        if cells.count > 1, cells.first?.isEmpty == true { cells.removeFirst() }
        if cells.count > 1, cells.last?.isEmpty == true { cells.removeLast() }
        return cells
    }

    /// A cell's Markdown: its text with each `\\|` made a plain `|`, even inside code spans.
    static func content(_ cell: ArraySlice<UInt8>) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(cell.count)
        for index in cell.indices {
            if cell[index] == UInt8(ascii: "\\"), index + 1 < cell.endIndex, cell[index + 1] == UInt8(ascii: "|") { continue }
            out.append(cell[index])
        }
        return out
    }

    private static func trimmed(_ cell: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        var cell = cell
        while cell.first == 0x20 { cell = cell.dropFirst() }
        while cell.last == 0x20 { cell = cell.dropLast() }
        return cell
    }
}
