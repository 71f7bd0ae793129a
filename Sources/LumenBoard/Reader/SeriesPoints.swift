/// One histogram as TensorBoard draws it: buckets of (left edge, right edge, count).
public struct HistogramPoint: Sendable {
    public let wallTime: Double
    public let min: Double
    public let max: Double
    public let num: Double
    public let sum: Double
    /// (left, right, count) per bucket.
    public let buckets: [(left: Double, right: Double, count: Double)]

    /// From a `HistogramProto`, whose buckets carry only right edges: the first bucket starts
    /// at `min` and the last ends at `max`, as TensorBoard converts them (an empty first bucket
    /// that PyTorch keeps left of `min` starts at its own right edge instead).
    public init(wallTime: Double, proto: TBHistogramProto) {
        self.wallTime = wallTime
        min = proto.min
        max = proto.max
        num = proto.num
        sum = proto.sum
        let limits = proto.bucketLimit
        let counts = proto.bucket
        let n = Swift.min(limits.count, counts.count)
        buckets = (0..<n).map { i in
            let left = i == 0 ? Swift.min(proto.min, limits[0]) : limits[i - 1]
            let right = i == n - 1 ? Swift.max(proto.max, left) : limits[i]
            return (left, right, counts[i])
        }
    }

    /// From TF2's histogram tensor: k rows of (left, right, count).
    public init(wallTime: Double, rows: [(Double, Double, Double)]) {
        self.wallTime = wallTime
        buckets = rows.map { (left: $0.0, right: $0.1, count: $0.2) }
        min = rows.first?.0 ?? 0
        max = rows.last?.1 ?? 0
        num = rows.reduce(0) { $0 + $1.2 }
        sum = rows.reduce(0) { $0 + ($1.0 + $1.1) / 2 * $1.2 }
    }
}

/// Where an image lives: its record is read from the file when asked for.
public struct ImageReference: Sendable {
    public let wallTime: Double
    public let width: Int
    public let height: Int
    public let path: String
    public let offset: Int64
    /// Which image of the value (TF2 image tensors hold several).
    public let index: Int
}

/// A text summary's strings at one step.
public struct TextPoint: Sendable {
    public let wallTime: Double
    public let text: String
}
