/// One block of a Markdown document: a container (quote, list, list item) or a leaf holding
/// lines of text. Blocks live in one array and refer to each other by index, so neither parsing
/// nor rendering recurses, however deep the document nests.
struct MarkdownBlock {
    enum Kind {
        case document
        case blockQuote
        case list(ListMarker)
        /// An item whose content starts `contentIndent` columns after its container's.
        case listItem(contentIndent: Int)
        case paragraph
        case heading(level: Int)
        /// A code block between fences of `length` × `fence` (backtick or tilde), whose lines
        /// lose up to `indent` leading spaces.
        case fencedCode(fence: UInt8, length: Int, indent: Int)
        case indentedCode
        case thematicBreak
        /// A table whose first line is the header row; the delimiter row is not kept.
        case table([TableAlignment])
    }

    var kind: Kind
    /// Index of the enclosing block; the document is its own parent.
    let parent: Int
    var children: [Int] = []
    /// A leaf's text, one entry per line, without container prefixes.
    var lines: [ArraySlice<UInt8>] = []
    var isOpen = true
    /// A blank line came after this container's last child.
    var blankAfterLastChild = false
    /// For a list: some items, or blocks within one item, are separated by blank lines, so
    /// paragraphs are shown with their spacing.
    var isLoose = false

    /// Whether this block is a container, which holds blocks rather than lines.
    var isContainer: Bool {
        switch kind {
        case .document, .blockQuote, .list, .listItem: true
        default: false
        }
    }

    /// Whether this block takes every following line as it is, without looking for new blocks.
    var isCode: Bool {
        switch kind {
        case .fencedCode, .indentedCode: true
        default: false
        }
    }
}

/// How a list's items are marked: the bullet (`-`, `+`, `*`) or, for an ordered list, the
/// delimiter after the number (`.` or `)`) and the first number.
struct ListMarker: Equatable {
    let ordered: Bool
    let character: UInt8
    let start: Int

    /// Whether an item with `other` continues a list that began with this marker.
    func continues(with other: ListMarker) -> Bool {
        ordered == other.ordered && character == other.character
    }
}

/// The alignment a table's delimiter row gives a column.
enum TableAlignment {
    case none, left, center, right
}
