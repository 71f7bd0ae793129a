/// Every point of one scalar time series, in compact columns: step (8 bytes), value (4) and
/// wall time (8, each point's own, exactly as logged) — 20 bytes a point, in chunks of 4,096 so
/// that growing never copies and never over-allocates by more than one chunk.
///
/// Points stay sorted by step: a point at step s first drops the points at steps ≥ s, as
/// TensorBoard does when a run restarts from a checkpoint.
public final class ScalarSeries {
    static let chunkSize = 4096

    private struct Chunk {
        var steps: [Int64] = []
        var values: [Float] = []
        var wallTimes: [Double] = []

        init() {
            steps.reserveCapacity(ScalarSeries.chunkSize)
            values.reserveCapacity(ScalarSeries.chunkSize)
            wallTimes.reserveCapacity(ScalarSeries.chunkSize)
        }
    }

    private var chunks: [Chunk] = []

    /// Number of points.
    public private(set) var count = 0

    public init() {}

    /// Adds a point, first dropping any points at the same or later steps.
    public func append(step: Int64, wallTime: Double, value: Double) {
        if let lastStep = chunks.last?.steps.last, step <= lastStep { truncate(fromStep: step) }
        if chunks.isEmpty || chunks[chunks.count - 1].steps.count == Self.chunkSize { chunks.append(Chunk()) }
        let last = chunks.count - 1
        chunks[last].steps.append(step)
        chunks[last].values.append(Float(value))
        chunks[last].wallTimes.append(wallTime)
        count += 1
    }

    /// Drops every point at `step` or later.
    public func truncate(fromStep step: Int64) {
        let keep = index(ofFirstStepAtLeast: step)
        guard keep < count else { return }
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

    /// The step of point `i`.
    public func step(_ i: Int) -> Int64 { chunks[i / Self.chunkSize].steps[i % Self.chunkSize] }
    /// The value of point `i`.
    public func value(_ i: Int) -> Float { chunks[i / Self.chunkSize].values[i % Self.chunkSize] }
    /// The wall time of point `i`, in seconds since 1970.
    public func wallTime(_ i: Int) -> Double { chunks[i / Self.chunkSize].wallTimes[i % Self.chunkSize] }

    /// Index of the first point whose step is ≥ `step` (`count` if none).
    public func index(ofFirstStepAtLeast step: Int64) -> Int {
        var low = 0, high = count
        while low < high {
            let mid = (low + high) / 2
            if self.step(mid) < step { low = mid + 1 } else { high = mid }
        }
        return low
    }

    /// Bytes held by the point columns (capacity, not just use).
    public var residentBytes: Int {
        chunks.reduce(0) { $0 + $1.steps.capacity * 8 + $1.values.capacity * 4 + $1.wallTimes.capacity * 8 }
    }

    /// Calls `body` with the steps and values of `range`, chunk by chunk, for fast scans;
    /// `firstIndex` is the series index of each slice's first point.
    public func forEachChunk(in range: Range<Int>, _ body: (_ firstIndex: Int, _ steps: ArraySlice<Int64>, _ values: ArraySlice<Float>) -> Void) {
        var i = range.lowerBound
        while i < range.upperBound {
            let c = i / Self.chunkSize, within = i % Self.chunkSize
            let end = min(chunks[c].steps.count, within + (range.upperBound - i))
            body(i, chunks[c].steps[within..<end], chunks[c].values[within..<end])
            i += end - within
        }
    }
}
