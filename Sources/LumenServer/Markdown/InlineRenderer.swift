/// Renders the inline Markdown of a paragraph, heading or table cell: code spans, emphasis,
/// strong, strikethrough, links, autolinks, hard breaks, backslash escapes, character
/// references, and raw HTML tags on the board's allow-list. Other raw HTML shows as text;
/// images show as a link to the image, which the board does not load.
///
/// One left-to-right scan produces a flat list of pieces; link brackets and emphasis runs are
/// resolved on stacks, and link destinations are read with ``LinkScanTables``, so the time is
/// linear in the text and nothing recurses.
struct InlineRenderer {
    private enum Piece {
        /// Text from the source, escaped when written.
        case text(Range<Int>)
        /// Markup written by the renderer.
        case markup(String)
        /// A character reference from the source, written as is.
        case reference(Range<Int>)
        case delimiter(Int)
    }

    private struct Bracket {
        let piece: Int
        /// How many delimiter runs were pending when the bracket opened.
        let runsBefore: Int
        let isImage: Bool
    }

    private let text: [UInt8]
    private var pieces: [Piece] = []
    private var runs: [DelimiterRun] = []
    /// Runs not yet paired, in text order.
    private var pendingRuns: [Int] = []
    private var brackets: [Bracket] = []
    /// Brackets below this height, other than images, can no longer open a link: a link was
    /// made after them, and links do not nest.
    private var activeFloor = 0
    private var tables: LinkScanTables?
    private var backticks: BacktickRuns?
    private var textStart = 0

    /// Appends the HTML of `source` to `html`.
    static func render<C: Collection>(_ source: C, into html: inout HTMLBuffer) where C.Element == UInt8 {
        var renderer = InlineRenderer(text: Array(source))
        renderer.scan()
        EmphasisMatcher.match(renderer.pendingRuns[...], in: &renderer.runs)
        renderer.write(into: &html)
    }

    private init(text: [UInt8]) {
        self.text = text
    }

    private mutating func scan() {
        var index = 0
        while index < text.count {
            switch text[index] {
            case UInt8(ascii: "\\"): index = backslash(at: index)
            case 0x0A: index = lineBreak(at: index)
            case UInt8(ascii: "`"): index = codeSpan(at: index)
            case UInt8(ascii: "*"), UInt8(ascii: "_"), UInt8(ascii: "~"): index = delimiterRun(at: index)
            case UInt8(ascii: "["):
                openBracket(at: index, length: 1)
                index += 1
            case UInt8(ascii: "!") where index + 1 < text.count && text[index + 1] == UInt8(ascii: "["):
                openBracket(at: index, length: 2)
                index += 2
            case UInt8(ascii: "]"): index = closeBracket(at: index)
            case UInt8(ascii: "<"): index = angleBracket(at: index)
            case UInt8(ascii: "&"): index = characterReference(at: index)
            default: index += 1
            }
        }
        flushText(upTo: text.count)
    }

    private mutating func flushText(upTo end: Int) {
        if textStart < end { pieces.append(.text(textStart..<end)) }
    }

    /// Adds `piece` in place of the source from the current text start to `start`, and
    /// continues the text at `resume`.
    private mutating func emit(_ piece: Piece, replacing start: Int, resumingAt resume: Int) -> Int {
        flushText(upTo: start)
        pieces.append(piece)
        textStart = resume
        return resume
    }

    private mutating func backslash(at index: Int) -> Int {
        guard index + 1 < text.count else { return index + 1 }
        let next = text[index + 1]
        if next == 0x0A { return emit(.markup("<br>\n"), replacing: index, resumingAt: skipIndent(index + 2)) }
        guard Self.isASCIIPunctuation(next) else { return index + 1 }
        return emit(.text(index + 1..<index + 2), replacing: index, resumingAt: index + 2)
    }

    /// A newline: a hard break after two or more spaces, otherwise a soft one; trailing spaces
    /// and the next line's indent are dropped.
    private mutating func lineBreak(at index: Int) -> Int {
        var end = index
        while end > textStart, text[end - 1] == 0x20 { end -= 1 }
        return emit(.markup(index - end >= 2 ? "<br>\n" : "\n"), replacing: end, resumingAt: skipIndent(index + 1))
    }

    private func skipIndent(_ index: Int) -> Int {
        var index = index
        while index < text.count, text[index] == 0x20 { index += 1 }
        return index
    }

    private mutating func codeSpan(at index: Int) -> Int {
        var runEnd = index
        while runEnd < text.count, text[runEnd] == UInt8(ascii: "`") { runEnd += 1 }
        if backticks == nil { backticks = BacktickRuns(text) }
        guard let closing = backticks?.next(length: runEnd - index, from: runEnd) else { return runEnd }
        var content = text[runEnd..<closing].map { $0 == 0x0A ? 0x20 : $0 }
        if content.count >= 2, content.first == 0x20, content.last == 0x20, content.contains(where: { $0 != 0x20 }) {
            content = Array(content.dropFirst().dropLast())
        }
        var code = HTMLBuffer()
        code.markup("<code>")
        code.text(content)
        code.markup("</code>")
        return emit(.markup(code.string), replacing: index, resumingAt: closing + runEnd - index)
    }

    private mutating func delimiterRun(at index: Int) -> Int {
        let character = text[index]
        var end = index
        while end < text.count, text[end] == character { end += 1 }
        if character == UInt8(ascii: "~"), end - index != 2 { return end }
        let before = Self.characterClass(scalarBefore(index))
        let after = Self.characterClass(scalarAt(end))
        let leftFlanking = after != .whitespace && (after != .punctuation || before != .other)
        let rightFlanking = before != .whitespace && (before != .punctuation || after != .other)
        let canOpen = character == UInt8(ascii: "_") ? leftFlanking && (!rightFlanking || before == .punctuation) : leftFlanking
        let canClose = character == UInt8(ascii: "_") ? rightFlanking && (!leftFlanking || after == .punctuation) : rightFlanking
        runs.append(DelimiterRun(character: character, length: end - index, remaining: end - index, canOpen: canOpen, canClose: canClose))
        pendingRuns.append(runs.count - 1)
        return emit(.delimiter(runs.count - 1), replacing: index, resumingAt: end)
    }

    private mutating func openBracket(at index: Int, length: Int) {
        flushText(upTo: index)
        brackets.append(Bracket(piece: pieces.count, runsBefore: pendingRuns.count, isImage: length == 2))
        pieces.append(.text(index..<index + length))
        textStart = index + length
    }

    private mutating func closeBracket(at index: Int) -> Int {
        guard let bracket = brackets.last else { return index + 1 }
        brackets.removeLast()
        guard bracket.isImage || brackets.count >= activeFloor, let link = inlineLink(at: index + 1) else {
            activeFloor = min(activeFloor, brackets.count)
            return index + 1
        }
        var opening = HTMLBuffer()
        if let target = link.target { opening.openLink(target) }
        pieces[bracket.piece] = .markup(opening.string)
        EmphasisMatcher.match(pendingRuns[bracket.runsBefore...], in: &runs)
        pendingRuns.removeSubrange(bracket.runsBefore...)
        if !bracket.isImage { activeFloor = brackets.count }
        return emit(.markup(link.target == nil ? "" : "</a>"), replacing: index, resumingAt: link.end)
    }

    /// An inline link's destination after the `]` (`(url)`, `(<url>)`, `(url "title")`),
    /// starting at the `(`: its target (nil when its scheme is refused) and the position after it.
    private mutating func inlineLink(at open: Int) -> (target: LinkTarget?, end: Int)? {
        guard open < text.count, text[open] == UInt8(ascii: "(") else { return nil }
        if tables == nil { tables = LinkScanTables(text) }
        guard let tables else { return nil }
        var position = Int(tables.nextNonWhitespace[open + 1])
        let destination: Range<Int>
        if position < text.count, text[position] == UInt8(ascii: "<") {
            let close = Int(tables.nextGreaterThan[position + 1])
            guard close < text.count, Int(tables.nextLessThan[position + 1]) > close, Int(tables.nextNewline[position + 1]) > close else { return nil }
            destination = position + 1..<close
            position = close + 1
        } else {
            let end = min(Int(tables.nextWhitespace[position]), tables.closingParenthesis(forDestinationAt: position))
            destination = position..<end
            position = end
        }
        position = Int(tables.nextNonWhitespace[position])
        if position > destination.upperBound, position < text.count, text[position] == UInt8(ascii: "\"") || text[position] == UInt8(ascii: "'") {
            let quotes = text[position] == UInt8(ascii: "\"") ? tables.nextDoubleQuote : tables.nextSingleQuote
            let close = Int(quotes[position + 1])
            guard close < text.count else { return nil }
            position = Int(tables.nextNonWhitespace[close + 1])
        }
        guard position < text.count, text[position] == UInt8(ascii: ")") else { return nil }
        return (LinkTarget(Self.unescaped(text[destination])), position + 1)
    }

    /// `<` opens an autolink (`<https://…>`, `<name@example.com>`), an allowed raw tag, or is text.
    private mutating func angleBracket(at index: Int) -> Int {
        if tables == nil { tables = LinkScanTables(text) }
        guard let tables else { return index + 1 }
        let close = Int(tables.nextGreaterThan[index + 1])
        guard close < text.count, Int(tables.nextLessThan[index + 1]) > close else { return index + 1 }
        let inside = text[index + 1..<close]
        if Int(tables.nextWhitespace[index + 1]) > close, let target = RawHTML.autolinkTarget(inside) {
            var link = HTMLBuffer()
            if let target { link.openLink(target) }
            link.text(inside)
            if target != nil { link.markup("</a>") }
            return emit(.markup(link.string), replacing: index, resumingAt: close + 1)
        }
        guard let tag = RawHTML.allowedTag(inside) else { return index + 1 }
        return emit(.markup(tag), replacing: index, resumingAt: close + 1)
    }

    /// `&name;`, `&#123;` or `&#x1F;` stay character references; any other `&` is text.
    private mutating func characterReference(at index: Int) -> Int {
        var end = index + 1
        var digits: ClosedRange<Int>
        var isDigit: (UInt8) -> Bool
        if end < text.count, text[end] == UInt8(ascii: "#") {
            end += 1
            if end < text.count, text[end] | 0x20 == UInt8(ascii: "x") {
                end += 1
                digits = 1...6
                isDigit = { ($0 >= 0x30 && $0 <= 0x39) || ($0 | 0x20 >= 0x61 && $0 | 0x20 <= 0x66) }
            } else {
                digits = 1...7
                isDigit = { $0 >= 0x30 && $0 <= 0x39 }
            }
        } else {
            digits = 2...32
            isDigit = { ($0 >= 0x30 && $0 <= 0x39) || ($0 | 0x20 >= 0x61 && $0 | 0x20 <= 0x7A) }
        }
        let first = end
        while end < text.count, end - first < digits.upperBound, isDigit(text[end]) { end += 1 }
        guard digits.contains(end - first), end < text.count, text[end] == UInt8(ascii: ";") else { return index + 1 }
        return emit(.reference(index..<end + 1), replacing: index, resumingAt: end + 1)
    }

    private func write(into html: inout HTMLBuffer) {
        for piece in pieces {
            switch piece {
            case .text(let range): html.text(text[range])
            case .markup(let markup): html.markup(markup)
            case .reference(let range): html.characterReference(text[range])
            case .delimiter(let index):
                let run = runs[index]
                for tag in run.closingTags { html.markup(tag) }
                html.text(repeatElement(run.character, count: run.remaining))
                for tag in run.openingTags.reversed() { html.markup(tag) }
            }
        }
    }

    // MARK: Characters

    private enum CharacterClass { case whitespace, punctuation, other }

    private func scalarBefore(_ index: Int) -> Unicode.Scalar? {
        guard index > 0 else { return nil }
        var start = index - 1
        while start > 0, index - start < 4, text[start] & 0xC0 == 0x80 { start -= 1 }
        return String(decoding: text[start..<index], as: UTF8.self).unicodeScalars.last
    }

    private func scalarAt(_ index: Int) -> Unicode.Scalar? {
        guard index < text.count else { return nil }
        return String(decoding: text[index..<min(index + 4, text.count)], as: UTF8.self).unicodeScalars.first
    }

    private static func characterClass(_ scalar: Unicode.Scalar?) -> CharacterClass {
        guard let scalar else { return .whitespace }
        if scalar.properties.isWhitespace { return .whitespace }
        if scalar.isASCII { return isASCIIPunctuation(UInt8(scalar.value)) ? .punctuation : .other }
        switch scalar.properties.generalCategory {
        case .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation, .initialPunctuation,
             .finalPunctuation, .otherPunctuation, .mathSymbol, .currencySymbol, .modifierSymbol, .otherSymbol:
            return .punctuation
        default:
            return .other
        }
    }

    static func isASCIIPunctuation(_ byte: UInt8) -> Bool {
        (byte >= 0x21 && byte <= 0x2F) || (byte >= 0x3A && byte <= 0x40) || (byte >= 0x5B && byte <= 0x60) || (byte >= 0x7B && byte <= 0x7E)
    }

    /// `bytes` without the backslashes that escape ASCII punctuation.
    private static func unescaped(_ bytes: ArraySlice<UInt8>) -> [UInt8] {
        var out: [UInt8] = []
        var index = bytes.startIndex
        while index < bytes.endIndex {
            if bytes[index] == UInt8(ascii: "\\"), index + 1 < bytes.endIndex, isASCIIPunctuation(bytes[index + 1]) { index += 1 }
            out.append(bytes[index])
            index += 1
        }
        return out
    }
}
