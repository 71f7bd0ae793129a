/// One scalar point besides its step: the value as TensorBoard keeps it (32-bit) and the wall
/// time exactly as logged.
public struct ScalarPoint: Sendable, Equatable {
    public var wallTime: Double
    public var value: Float

    public init(wallTime: Double, value: Float) {
        self.wallTime = wallTime
        self.value = value
    }
}

/// Every point of one scalar series in compact columns, every field exactly as logged: the
/// value (4 bytes), the wall time (4 bytes while points come close together, see
/// `WallTimeColumn`) and the step (nothing while steps go up by one stride, see
/// `StepColumn`) — 8 bytes a point as training usually logs, 20 at most. Points live in
/// chunks of 4,096: the first chunk grows by doubling from 16 points, so a tag with one point
/// costs a few hundred bytes; later chunks are allocated whole, so a long series copies none
/// of its points to grow.
public struct ScalarColumns: SeriesColumns {
    static let chunkSize = 4096

    private struct Chunk {
        var steps = StepColumn()
        var values: [Float] = []
        var wallTimes = WallTimeColumn()

        init(capacity: Int) { reserve(capacity) }

        var count: Int { values.count }

        mutating func reserve(_ capacity: Int) {
            steps.reserve(capacity)
            values.reserveCapacity(capacity)
            wallTimes.reserve(capacity)
        }

        var residentBytes: Int { steps.residentBytes + values.capacity * 4 + wallTimes.residentBytes }
    }

    private var chunks: [Chunk] = []
    public private(set) var count = 0

    public init() {}

    public func step(_ i: Int) -> Int64 { chunks[i / Self.chunkSize].steps[i % Self.chunkSize] }
    func value(_ i: Int) -> Float { chunks[i / Self.chunkSize].values[i % Self.chunkSize] }
    func wallTime(_ i: Int) -> Double { chunks[i / Self.chunkSize].wallTimes[i % Self.chunkSize] }

    public mutating func append(step: Int64, _ point: ScalarPoint) {
        if chunks.isEmpty || chunks[chunks.count - 1].count == Self.chunkSize {
            chunks.append(Chunk(capacity: chunks.isEmpty ? 0 : Self.chunkSize))
        }
        let last = chunks.count - 1
        let used = chunks[last].count
        if used == chunks[last].values.capacity { chunks[last].reserve(min(Self.chunkSize, max(16, 2 * used))) }
        let capacity = chunks[last].values.capacity
        chunks[last].steps.append(step, capacity: capacity)
        chunks[last].values.append(point.value)
        chunks[last].wallTimes.append(point.wallTime, capacity: capacity)
        count += 1
    }

    public mutating func keepFirst(_ keep: Int) {
        let chunkIndex = keep / Self.chunkSize
        let within = keep % Self.chunkSize
        chunks.removeSubrange((within == 0 ? chunkIndex : chunkIndex + 1)...)
        if within > 0 {
            chunks[chunkIndex].steps.keepFirst(within)
            chunks[chunkIndex].values.removeSubrange(within...)
            chunks[chunkIndex].wallTimes.keepFirst(within)
        }
        count = keep
    }

    var residentBytes: Int { chunks.reduce(0) { $0 + $1.residentBytes } }

    func forEachChunk(in range: Range<Int>, _ body: (Int, ArraySlice<Int64>, ArraySlice<Float>) -> Void) {
        var steps: [Int64] = []
        var i = range.lowerBound
        while i < range.upperBound {
            let c = i / Self.chunkSize, within = i % Self.chunkSize
            let end = min(chunks[c].count, within + (range.upperBound - i))
            chunks[c].steps.copy(within..<end, into: &steps)
            body(i, steps[...], chunks[c].values[within..<end])
            i += end - within
        }
    }
}

/// Every point of one scalar time series (see ``ScalarColumns`` for how they are stored).
public typealias ScalarSeries = StepSeries<ScalarColumns>

extension StepSeries where Columns == ScalarColumns {
    /// Adds a point, first dropping any points at the same or later steps.
    public func append(step: Int64, wallTime: Double, value: Double) {
        append(ScalarPoint(wallTime: wallTime, value: Float(value)), step: step)
    }

    /// The value of point `i`.
    public func value(_ i: Int) -> Float { columns.value(i) }

    /// The wall time of point `i`, in seconds since 1970.
    public func wallTime(_ i: Int) -> Double { columns.wallTime(i) }

    /// Bytes held by the point columns (capacity, not just use).
    public var residentBytes: Int { columns.residentBytes }

    /// Calls `body` with the steps and values of `range`, chunk by chunk, for fast scans;
    /// `firstIndex` is the series index of each slice's first point.
    public func forEachChunk(in range: Range<Int>, _ body: (_ firstIndex: Int, _ steps: ArraySlice<Int64>, _ values: ArraySlice<Float>) -> Void) {
        columns.forEachChunk(in: range, body)
    }
}
