/// A run of `*`, `_` or `~~` that may open or close emphasis, and the tags it became.
struct DelimiterRun {
    let character: UInt8
    /// The run's length in the text.
    let length: Int
    /// How many of its characters are still text.
    var remaining: Int
    let canOpen: Bool
    let canClose: Bool
    /// Tags this run closes, innermost first; they come before its remaining characters.
    var closingTags: [String] = []
    /// Tags this run opens, innermost first; they come after its remaining characters.
    var openingTags: [String] = []
}

/// Pairs delimiter runs into `<em>`, `<strong>` and `<del>` as CommonMark's "process
/// emphasis" does: each closer, left to right, takes the nearest eligible opener, and runs
/// between them stay text. Openers wait on one stack per character, and a search that finds
/// none records how far down it looked, so the pairing is linear in the number of runs.
struct EmphasisMatcher {
    private var stacks: [[Int]] = [[], [], []]
    /// For each closer kind (character, can-open, length mod 3): the stack height below which
    /// no eligible opener is left.
    private var searchFloor = [Int](repeating: 0, count: 18)

    /// Pairs the runs `order` lists (indices into `runs`, in text order).
    static func match(_ order: ArraySlice<Int>, in runs: inout [DelimiterRun]) {
        var matcher = EmphasisMatcher()
        for run in order {
            matcher.close(run, in: &runs)
            if runs[run].canOpen, runs[run].remaining > 0 {
                matcher.stacks[Self.stackIndex(runs[run].character)].append(run)
            }
        }
    }

    private static func stackIndex(_ character: UInt8) -> Int {
        switch character {
        case UInt8(ascii: "*"): 0
        case UInt8(ascii: "_"): 1
        default: 2
        }
    }

    private mutating func close(_ closer: Int, in runs: inout [DelimiterRun]) {
        guard runs[closer].canClose else { return }
        let stack = Self.stackIndex(runs[closer].character)
        let kind = stack * 6 + (runs[closer].canOpen ? 3 : 0) + runs[closer].length % 3
        while runs[closer].remaining > 0 {
            var height = stacks[stack].count - 1
            while height >= searchFloor[kind], !Self.pairs(runs[stacks[stack][height]], with: runs[closer]) { height -= 1 }
            guard height >= searchFloor[kind] else {
                searchFloor[kind] = stacks[stack].count
                return
            }
            let opener = stacks[stack][height]
            let used = runs[closer].character == UInt8(ascii: "~") ? 2 : min(runs[opener].remaining, runs[closer].remaining) >= 2 ? 2 : 1
            let tag = runs[closer].character == UInt8(ascii: "~") ? "del" : used == 2 ? "strong" : "em"
            runs[opener].remaining -= used
            runs[opener].openingTags.append("<\(tag)>")
            runs[closer].remaining -= used
            runs[closer].closingTags.append("</\(tag)>")
            for other in 0..<stacks.count {
                while let top = stacks[other].last, top > opener || (top == opener && runs[opener].remaining == 0) {
                    stacks[other].removeLast()
                }
                for floor in other * 6..<(other + 1) * 6 { searchFloor[floor] = min(searchFloor[floor], stacks[other].count) }
            }
        }
    }

    /// Whether `opener` may pair with `closer` (CommonMark's "multiple of 3" rule for runs that
    /// can both open and close).
    private static func pairs(_ opener: DelimiterRun, with closer: DelimiterRun) -> Bool {
        guard opener.character != UInt8(ascii: "~") else { return true }
        if opener.canClose || closer.canOpen, (opener.length + closer.length) % 3 == 0 {
            return opener.length % 3 == 0 && closer.length % 3 == 0
        }
        return true
    }
}
