/// Equal buckets over a range of steps, for drawing a series at a width and for putting
/// several runs on one grid. Positions are measured from the first step as unsigned distances,
/// exact for any two steps in order even when they span more than Int64 holds (−1 … 2⁶³−1).
struct StepGrid {
    let first: Int64
    /// The number of steps the range covers.
    let span: Double
    let width: Int

    init(range: ClosedRange<Int64>, width: Int) {
        first = range.lowerBound
        span = Self.distance(from: range.lowerBound, to: range.upperBound) + 1
        self.width = width
    }

    /// How far `to` lies after `from` (the two in order).
    static func distance(from: Int64, to: Int64) -> Double { Double(UInt64(bitPattern: to &- from)) }

    func offset(of step: Int64) -> Double { Self.distance(from: first, to: step) }
    func bucket(of step: Int64) -> Int { Swift.min(Int(offset(of: step) / span * Double(width)), width - 1) }
    func centreOffset(of bucket: Int) -> Double { (Double(bucket) + 0.5) * span / Double(width) - 0.5 }
    func centreStep(of bucket: Int) -> Double { Double(first) + centreOffset(of: bucket) }
}
