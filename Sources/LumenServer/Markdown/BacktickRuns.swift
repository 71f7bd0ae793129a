/// The maximal runs of backticks in a text, by length, so that finding the run that closes a
/// code span takes amortized constant time.
struct BacktickRuns {
    private var starts: [Int: [Int]] = [:]
    private var cursors: [Int: Int] = [:]

    init(_ text: [UInt8]) {
        var index = 0
        while index < text.count {
            guard text[index] == UInt8(ascii: "`") else {
                index += 1
                continue
            }
            let start = index
            while index < text.count, text[index] == UInt8(ascii: "`") { index += 1 }
            starts[index - start, default: []].append(start)
        }
    }

    /// The start of the first run of exactly `length` backticks at or after `position`. Calls
    /// must come with non-decreasing positions.
    mutating func next(length: Int, from position: Int) -> Int? {
        guard let candidates = starts[length] else { return nil }
        var cursor = cursors[length, default: 0]
        while cursor < candidates.count, candidates[cursor] < position { cursor += 1 }
        cursors[length] = cursor
        return cursor < candidates.count ? candidates[cursor] : nil
    }
}
