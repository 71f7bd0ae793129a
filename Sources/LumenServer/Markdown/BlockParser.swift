/// Reads a Markdown document line by line into ``MarkdownBlock``s, as CommonMark describes
/// (quotes, lists, headings, code, thematic breaks, paragraphs) with GitHub's tables.
///
/// Each line is matched against the open containers, then may open new ones; every step looks
/// at a line a bounded number of times, so parsing is linear in the text. Containers nest at
/// most ``maxNesting`` deep: a marker beyond that stays text.
struct BlockParser {
    /// The deepest that quotes, lists and items may nest.
    static let maxNesting = 32

    private(set) var blocks = [MarkdownBlock(kind: .document, parent: 0)]
    /// The innermost open block.
    private var tip = 0

    /// The blocks of `text`; index 0 is the document.
    static func parse(_ text: String) -> [MarkdownBlock] {
        var parser = BlockParser()
        var lineStart = text.utf8.startIndex
        let utf8 = text.utf8
        var index = lineStart
        while index < utf8.endIndex {
            let byte = utf8[index]
            if byte == 0x0A || byte == 0x0D {
                parser.add(MarkdownLine(utf8[lineStart..<index]))
                index = utf8.index(after: index)
                if byte == 0x0D, index < utf8.endIndex, utf8[index] == 0x0A { index = utf8.index(after: index) }
                lineStart = index
            } else {
                index = utf8.index(after: index)
            }
        }
        if lineStart < utf8.endIndex { parser.add(MarkdownLine(utf8[lineStart...])) }
        parser.close(upTo: 0)
        parser.blocks[0].isOpen = false
        return parser.blocks
    }

    /// How an open block takes the next line.
    private enum Continuation {
        case matched, notMatched, consumed
    }

    private mutating func add(_ line: MarkdownLine) {
        var position = 0
        var container = 0
        var allMatched = true
        while let last = blocks[container].children.last, blocks[last].isOpen {
            switch match(last, line, &position) {
            case .matched: container = last
            case .notMatched: allMatched = false
            case .consumed: return
            }
            if !allMatched { break }
        }
        let lastMatched = container
        var closedUnmatched = false
        func closeUnmatched(_ parser: inout BlockParser) {
            if !closedUnmatched {
                parser.close(upTo: lastMatched)
                closedUnmatched = true
            }
        }

        var lineDone = false
        startLoop: while !blocks[container].isCode {
            let indent = line.indent(from: position)
            let start = position + indent
            guard start < line.count else { break }
            let isParagraph = if case .paragraph = blocks[container].kind { true } else { false }
            if indent >= 4 {
                if isParagraph || (blocks[tip].isOpen && isParagraphBlock(tip) && !allMatched) { break }
                closeUnmatched(&self)
                container = addChild(.indentedCode, to: container)
                position += 4
                break
            }
            if line[start] == UInt8(ascii: ">"), nesting(of: container) < Self.maxNesting {
                closeUnmatched(&self)
                position = start + 1
                if line[position] == 0x20 { position += 1 }
                container = addChild(.blockQuote, to: container)
                continue
            }
            if let heading = line.atxHeading(at: start) {
                closeUnmatched(&self)
                container = addChild(.heading(level: heading.level), to: container)
                blocks[container].lines = [heading.text]
                close(container)
                lineDone = true
                break
            }
            if let fence = line.openingFence(at: start) {
                closeUnmatched(&self)
                container = addChild(.fencedCode(fence: fence.fence, length: fence.length, indent: indent), to: container)
                lineDone = true
                break
            }
            if isParagraph, allMatched, blocks[container].lines.count == 1,
               let alignments = line.tableDelimiterRow(from: start),
               TableRow.cells(blocks[container].lines[0]).count == alignments.count {
                blocks[container].kind = .table(alignments)
                lineDone = true
                break
            }
            if isParagraph, allMatched, let level = line.setextLevel(at: start) {
                blocks[container].kind = .heading(level: level)
                close(container)
                lineDone = true
                break
            }
            if line.isThematicBreak(at: start) {
                closeUnmatched(&self)
                container = addChild(.thematicBreak, to: container)
                close(container)
                lineDone = true
                break
            }
            if let item = line.listMarker(at: start), nesting(of: container) < Self.maxNesting - 1,
               !isParagraph || (!item.isEmpty && (!item.marker.ordered || item.marker.start == 1)) {
                closeUnmatched(&self)
                if case .list(let marker) = blocks[container].kind, !marker.continues(with: item.marker) {
                    close(container)
                    container = blocks[container].parent
                }
                if case .list = blocks[container].kind {} else {
                    container = addChild(.list(item.marker), to: container)
                }
                container = addChild(.listItem(contentIndent: item.contentStart - position), to: container)
                position = item.contentStart
                continue startLoop
            }
            break
        }
        if lineDone { return }

        let blank = line.isBlank(from: position)
        if !closedUnmatched, !blank, blocks[tip].isOpen, isParagraphBlock(tip) {
            blocks[tip].lines.append(line.rest(from: position))  // a lazy continuation line
            return
        }
        closeUnmatched(&self)
        if blank, !blocks[container].isCode {
            markBlankLine(after: container)
        }
        switch blocks[container].kind {
        case .fencedCode(_, _, let fenceIndent):
            let indent = min(fenceIndent, line.indent(from: position))
            blocks[container].lines.append(line.rest(from: position + indent))
        case .indentedCode, .paragraph, .table:
            blocks[container].lines.append(line.rest(from: position))
        case .heading, .thematicBreak:
            break
        case .document, .blockQuote, .list, .listItem:
            guard !blank else { break }
            let paragraph = addChild(.paragraph, to: container)
            blocks[paragraph].lines.append(line.rest(from: position + line.indent(from: position)))
        }
    }

    /// Whether the open block `index` takes `line` from `position`, consuming its prefix.
    private mutating func match(_ index: Int, _ line: MarkdownLine, _ position: inout Int) -> Continuation {
        switch blocks[index].kind {
        case .blockQuote:
            let indent = line.indent(from: position)
            guard indent <= 3, line[position + indent] == UInt8(ascii: ">") else { return .notMatched }
            position += indent + 1
            if line[position] == 0x20 { position += 1 }
            return .matched
        case .list, .document:
            return .matched
        case .listItem(let contentIndent):
            if line.isBlank(from: position) {
                return blocks[index].children.isEmpty ? .notMatched : .matched
            }
            guard line.indent(from: position) >= contentIndent else { return .notMatched }
            position += contentIndent
            return .matched
        case .fencedCode(let fence, let length, _):
            if line.closesFence(fence, length: length, from: position) {
                close(index)
                return .consumed
            }
            return .matched
        case .indentedCode:
            if line.indent(from: position) >= 4 {
                position += 4
                return .matched
            }
            return line.isBlank(from: position) ? .matched : .notMatched
        case .paragraph, .table:
            return line.isBlank(from: position) ? .notMatched : .matched
        case .heading, .thematicBreak:
            return .notMatched
        }
    }

    private func isParagraphBlock(_ index: Int) -> Bool {
        if case .paragraph = blocks[index].kind { return true }
        return false
    }

    /// How many quotes, lists and items enclose `index`, itself included.
    private func nesting(of index: Int) -> Int {
        var depth = 0
        var current = index
        while current != 0 {
            depth += 1
            current = blocks[current].parent
        }
        return depth
    }

    /// Adds a new open block of `kind` to `container` (or, if `container` is a list and the
    /// block is not an item, to the list's parent, closing the list) and makes it the tip.
    private mutating func addChild(_ kind: MarkdownBlock.Kind, to container: Int) -> Int {
        var parent = container
        let isItem = if case .listItem = kind { true } else { false }
        if case .list = blocks[parent].kind, !isItem {
            close(parent)
            parent = blocks[parent].parent
        }
        if !blocks[parent].isContainer {
            close(parent)
            parent = blocks[parent].parent
        }
        if blocks[parent].blankAfterLastChild, !blocks[parent].children.isEmpty {
            switch blocks[parent].kind {
            case .list: blocks[parent].isLoose = true
            case .listItem: blocks[blocks[parent].parent].isLoose = true
            default: break
            }
        }
        // The blank line, if any, now lies inside `parent`, not between its ancestors' children.
        var ancestor = parent
        while true {
            blocks[ancestor].blankAfterLastChild = false
            if ancestor == 0 { break }
            ancestor = blocks[ancestor].parent
        }
        let index = blocks.count
        blocks.append(MarkdownBlock(kind: kind, parent: parent))
        blocks[parent].children.append(index)
        tip = index
        return index
    }

    /// Records a blank line after the last child of `container` and of each enclosing block.
    private mutating func markBlankLine(after container: Int) {
        var current = container
        while true {
            blocks[current].blankAfterLastChild = true
            if current == 0 { break }
            current = blocks[current].parent
        }
    }

    /// Closes the tip and its ancestors up to, not including, `ancestor`.
    private mutating func close(upTo ancestor: Int) {
        while tip != ancestor, tip != 0 {
            let parent = blocks[tip].parent
            close(tip)
            tip = parent
        }
    }

    /// Closes `index`; the tip moves to its parent if it was the tip.
    private mutating func close(_ index: Int) {
        guard blocks[index].isOpen else { return }
        blocks[index].isOpen = false
        if case .indentedCode = blocks[index].kind {
            while let last = blocks[index].lines.last, last.allSatisfy({ $0 == 0x20 }) { blocks[index].lines.removeLast() }
        }
        if tip == index { tip = blocks[index].parent }
    }
}
