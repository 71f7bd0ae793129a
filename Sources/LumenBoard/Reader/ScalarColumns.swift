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

/// Every point of one scalar series in compact columns: step (8 bytes), value (4) and wall time
/// (8, each point's own) — 20 bytes a point. Points live in chunks of 4,096: the first chunk
/// grows by doubling from 16 points, so a tag with one point costs a few hundred bytes; later
/// chunks are allocated whole, so a long series copies none of its points to grow.
public struct ScalarColumns: SeriesColumns {
    static let chunkSize = 4096

    private struct Chunk {
        var steps: [Int64] = []
        var values: [Float] = []
        var wallTimes: [Double] = []

        init(capacity: Int) { reserve(capacity) }

        mutating func reserve(_ capacity: Int) {
            steps.reserveCapacity(capacity)
            values.reserveCapacity(capacity)
            wallTimes.reserveCapacity(capacity)
        }
    }

    private var chunks: [Chunk] = []
    public private(set) var count = 0

    public init() {}

    public func step(_ i: Int) -> Int64 { chunks[i / Self.chunkSize].steps[i % Self.chunkSize] }
    func value(_ i: Int) -> Float { chunks[i / Self.chunkSize].values[i % Self.chunkSize] }
    func wallTime(_ i: Int) -> Double { chunks[i / Self.chunkSize].wallTimes[i % Self.chunkSize] }

    public mutating func append(step: Int64, _ point: ScalarPoint) {
        if chunks.isEmpty || chunks[chunks.count - 1].steps.count == Self.chunkSize {
            chunks.append(Chunk(capacity: chunks.isEmpty ? 0 : Self.chunkSize))
        }
        let last = chunks.count - 1
        let used = chunks[last].steps.count
        if used == chunks[last].steps.capacity { chunks[last].reserve(min(Self.chunkSize, max(16, 2 * used))) }
        chunks[last].steps.append(step)
        chunks[last].values.append(point.value)
        chunks[last].wallTimes.append(point.wallTime)
        count += 1
    }

    public mutating func keepFirst(_ keep: Int) {
        let chunkIndex = keep / Self.chunkSize
        let within = keep % Self.chunkSize
        chunks.removeSubrange((within == 0 ? chunkIndex : chunkIndex + 1)...)
        if within > 0 {
            chunks[chunkIndex].steps.removeSubrange(within...)
            chunks[chunkIndex].values.removeSubrange(within...)
            chunks[chunkIndex].wallTimes.removeSubrange(within...)
        }
        count = keep
    }

    var residentBytes: Int {
        chunks.reduce(0) { $0 + $1.steps.capacity * 8 + $1.values.capacity * 4 + $1.wallTimes.capacity * 8 }
    }

    func forEachChunk(in range: Range<Int>, _ body: (Int, ArraySlice<Int64>, ArraySlice<Float>) -> Void) {
        var i = range.lowerBound
        while i < range.upperBound {
            let c = i / Self.chunkSize, within = i % Self.chunkSize
            let end = min(chunks[c].steps.count, within + (range.upperBound - i))
            body(i, chunks[c].steps[within..<end], chunks[c].values[within..<end])
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
