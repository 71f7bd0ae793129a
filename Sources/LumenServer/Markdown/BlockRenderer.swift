/// Writes parsed ``MarkdownBlock``s as HTML, walking the tree with an explicit stack.
enum BlockRenderer {
    static func render(_ blocks: [MarkdownBlock]) -> String {
        var html = HTMLBuffer()
        var stack: [(block: Int, nextChild: Int)] = [(0, 0)]
        while let (block, nextChild) = stack.last {
            let children = blocks[block].children
            guard nextChild < children.count else {
                close(blocks[block], into: &html)
                stack.removeLast()
                continue
            }
            stack[stack.count - 1].nextChild += 1
            let child = children[nextChild]
            if blocks[child].isContainer {
                open(blocks[child], into: &html)
                stack.append((child, 0))
            } else {
                leaf(blocks[child], inTightList: isInTightList(child, blocks), into: &html)
            }
        }
        return html.string
    }

    private static func open(_ block: MarkdownBlock, into html: inout HTMLBuffer) {
        switch block.kind {
        case .blockQuote: html.markup("<blockquote>\n")
        case .list(let marker) where marker.ordered:
            html.markup(marker.start == 1 ? "<ol>\n" : "<ol start=\"\(marker.start)\">\n")
        case .list: html.markup("<ul>\n")
        case .listItem: html.markup("<li>")
        default: break
        }
    }

    private static func close(_ block: MarkdownBlock, into html: inout HTMLBuffer) {
        switch block.kind {
        case .blockQuote: html.markup("</blockquote>\n")
        case .list(let marker): html.markup(marker.ordered ? "</ol>\n" : "</ul>\n")
        case .listItem: html.markup("</li>\n")
        default: break
        }
    }

    private static func leaf(_ block: MarkdownBlock, inTightList: Bool, into html: inout HTMLBuffer) {
        switch block.kind {
        case .paragraph:
            if !inTightList { html.markup("<p>") }
            InlineRenderer.render(paragraphText(block.lines), into: &html)
            html.markup(inTightList ? "\n" : "</p>\n")
        case .heading(let level):
            html.markup("<h\(level)>")
            InlineRenderer.render(paragraphText(block.lines), into: &html)
            html.markup("</h\(level)>\n")
        case .fencedCode, .indentedCode:
            html.markup("<pre><code>")
            for line in block.lines {
                html.text(line)
                html.markup("\n")
            }
            html.markup("</code></pre>\n")
        case .thematicBreak:
            html.markup("<hr>\n")
        case .table(let alignments):
            table(block.lines, alignments: alignments, into: &html)
        case .document, .blockQuote, .list, .listItem:
            break
        }
    }

    private static func table(_ rows: [ArraySlice<UInt8>], alignments: [TableAlignment], into html: inout HTMLBuffer) {
        html.markup("<table>\n<thead>\n")
        for (index, row) in rows.enumerated() {
            if index == 1 { html.markup("<tbody>\n") }
            let cellTag = index == 0 ? "th" : "td"
            let cells = TableRow.cells(row)
            html.markup("<tr>\n")
            for (column, alignment) in alignments.enumerated() {
                switch alignment {
                case .none: html.markup("<\(cellTag)>")
                case .left: html.markup("<\(cellTag) style=\"text-align:left\">")
                case .center: html.markup("<\(cellTag) style=\"text-align:center\">")
                case .right: html.markup("<\(cellTag) style=\"text-align:right\">")
                }
                if column < cells.count { InlineRenderer.render(TableRow.content(cells[column]), into: &html) }
                html.markup("</\(cellTag)>\n")
            }
            html.markup("</tr>\n")
            if index == 0 { html.markup("</thead>\n") }
        }
        html.markup(rows.count > 1 ? "</tbody>\n</table>\n" : "</table>\n")
    }

    /// A paragraph's lines joined by newlines, each without its leading spaces, and without
    /// trailing spaces at the end.
    private static func paragraphText(_ lines: [ArraySlice<UInt8>]) -> [UInt8] {
        var text: [UInt8] = []
        for (index, line) in lines.enumerated() {
            if index > 0 { text.append(0x0A) }
            text.append(contentsOf: line.drop { $0 == 0x20 })
        }
        while text.last == 0x20 { text.removeLast() }
        return text
    }

    private static func isInTightList(_ index: Int, _ blocks: [MarkdownBlock]) -> Bool {
        let item = blocks[index].parent
        guard case .listItem = blocks[item].kind else { return false }
        return !blocks[blocks[item].parent].isLoose
    }
}
