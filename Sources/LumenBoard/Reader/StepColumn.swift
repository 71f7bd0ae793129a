/// The steps of one chunk of a scalar series, stored as compactly as they allow while every
/// step stays exact: nothing per point while they go up by one stride (a point every n steps,
/// the usual case), 4-byte offsets from the first step while those fit, 8-byte steps otherwise.
/// A column only ever moves to a wider form, converting its steps once.
struct StepColumn {
    private enum Form { case stride, offsets, full }

    private var form = Form.stride
    private var first: Int64 = 0
    /// In the stride form, step i is `first &+ stride &* i`.
    private var stride: Int64 = 0
    private var offsets: [Int32] = []
    private var full: [Int64] = []
    private(set) var count = 0

    subscript(i: Int) -> Int64 {
        switch form {
        case .stride: first &+ stride &* Int64(i)
        case .offsets: first &+ Int64(offsets[i])
        case .full: full[i]
        }
    }

    /// Makes room for `capacity` steps in whichever form the column has.
    mutating func reserve(_ capacity: Int) {
        switch form {
        case .stride: break
        case .offsets: offsets.reserveCapacity(capacity)
        case .full: full.reserveCapacity(capacity)
        }
    }

    /// Adds a step after the last; `capacity` is what the chunk has reserved, for a column that
    /// has to change form.
    mutating func append(_ step: Int64, capacity: Int) {
        defer { count += 1 }
        switch form {
        case .stride:
            if count == 0 { first = step; return }
            if count == 1 { stride = step &- first; return }
            if step == first &+ stride &* Int64(count) { return }
            widen(toFit: step, capacity: capacity)
        case .offsets:
            if let offset = offset(of: step) { offsets.append(offset) } else { widen(toFit: step, capacity: capacity) }
        case .full:
            full.append(step)
        }
    }

    /// Keeps the first `keep` steps.
    mutating func keepFirst(_ keep: Int) {
        switch form {
        case .stride: break
        case .offsets: offsets.removeSubrange(keep...)
        case .full: full.removeSubrange(keep...)
        }
        count = keep
    }

    /// Replaces `steps` with the steps of `range`.
    func copy(_ range: Range<Int>, into steps: inout [Int64]) {
        steps.removeAll(keepingCapacity: true)
        switch form {
        case .stride: for i in range { steps.append(first &+ stride &* Int64(i)) }
        case .offsets: for offset in offsets[range] { steps.append(first &+ Int64(offset)) }
        case .full: steps.append(contentsOf: full[range])
        }
    }

    var residentBytes: Int { offsets.capacity * 4 + full.capacity * 8 }

    private func offset(of step: Int64) -> Int32? {
        let (difference, overflow) = step.subtractingReportingOverflow(first)
        return overflow ? nil : Int32(exactly: difference)
    }

    /// Moves to the narrowest wider form that holds every step so far and `step`, then adds it.
    private mutating func widen(toFit step: Int64, capacity: Int) {
        let steps = (0..<count).map { self[$0] } + [step]
        let fitting = form == .stride ? steps.map(offset(of:)) : [nil]
        if fitting.allSatisfy({ $0 != nil }) {
            form = .offsets
            offsets.reserveCapacity(capacity)
            offsets.append(contentsOf: fitting.map { $0! })
        } else {
            form = .full
            full.reserveCapacity(capacity)
            full.append(contentsOf: steps)
            offsets = []
        }
    }
}
