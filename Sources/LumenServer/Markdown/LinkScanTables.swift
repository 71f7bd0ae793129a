/// For every position of a paragraph's text, where the next byte of each kind a link, autolink
/// or raw tag ends at lies, computed once in linear time. With them each attempt to read a link
/// destination, title or tag takes constant time, so a text of thousands of `](` or `<` cannot
/// make link parsing quadratic.
struct LinkScanTables {
    /// Position of the first space, newline or control character at or after each position.
    let nextWhitespace: [Int32]
    /// Position of the first byte that is not a space or newline at or after each position.
    let nextNonWhitespace: [Int32]
    let nextGreaterThan: [Int32]
    let nextLessThan: [Int32]
    let nextNewline: [Int32]
    /// Position of the first `"` / `'` not escaped by a backslash at or after each position.
    let nextDoubleQuote: [Int32]
    let nextSingleQuote: [Int32]
    /// For each position p, the first position q > p where the parenthesis balance of the text
    /// before q drops below its balance before p: q − 1 holds the `)` that closes a destination
    /// starting at p.
    private let balanceDrop: [Int32]

    init(_ text: [UInt8]) {
        let count = text.count
        var escaped = [Bool](repeating: false, count: count)
        var balance = [Int32](repeating: 0, count: count + 1)
        for index in 0..<count {
            let isEscaped = index > 0 && text[index - 1] == UInt8(ascii: "\\") && !escaped[index - 1]
            escaped[index] = isEscaped
            var change: Int32 = 0
            if !isEscaped, text[index] == UInt8(ascii: "(") { change = 1 }
            if !isEscaped, text[index] == UInt8(ascii: ")") { change = -1 }
            balance[index + 1] = balance[index] + change
        }
        func nextPosition(_ matches: (Int) -> Bool) -> [Int32] {
            var next = [Int32](repeating: Int32(count), count: count + 1)
            for index in stride(from: count - 1, through: 0, by: -1) {
                next[index] = matches(index) ? Int32(index) : next[index + 1]
            }
            return next
        }
        nextWhitespace = nextPosition { text[$0] <= 0x20 || text[$0] == 0x7F }
        nextNonWhitespace = nextPosition { text[$0] != 0x20 && text[$0] != 0x0A }
        nextGreaterThan = nextPosition { text[$0] == UInt8(ascii: ">") }
        nextLessThan = nextPosition { text[$0] == UInt8(ascii: "<") }
        nextNewline = nextPosition { text[$0] == 0x0A }
        nextDoubleQuote = nextPosition { text[$0] == UInt8(ascii: "\"") && !escaped[$0] }
        nextSingleQuote = nextPosition { text[$0] == UInt8(ascii: "'") && !escaped[$0] }

        var drop = [Int32](repeating: Int32(count + 1), count: count + 1)
        var lower: [Int32] = []
        for position in stride(from: count, through: 0, by: -1) {
            while let top = lower.last, balance[Int(top)] >= balance[position] { lower.removeLast() }
            if let top = lower.last { drop[position] = top }
            lower.append(Int32(position))
        }
        balanceDrop = drop
    }

    /// The position of the unbalanced `)` that ends a destination starting at `start`, or the
    /// text's length if there is none.
    func closingParenthesis(forDestinationAt start: Int) -> Int {
        Int(balanceDrop[start]) - 1
    }
}
