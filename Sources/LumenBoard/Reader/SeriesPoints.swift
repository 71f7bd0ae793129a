/// One histogram as TensorBoard draws it: buckets of (left edge, right edge, count).
///
/// Kept as right edges and counts (16 bytes a bucket; TensorFlow's default binning gives
/// hundreds of buckets), each bucket starting where the one before it ends.
public struct HistogramPoint: Sendable {
    public let wallTime: Double
    public let min: Double
    public let max: Double
    public let num: Double
    public let sum: Double
    private let firstLeft: Double
    private let rights: [Double]
    private let bucketCounts: [Double]
    /// Every bucket's left edge, only when some bucket does not start where the previous ends.
    private let lefts: [Double]?
    /// The last bucket's right edge as logged (`rights` ends at `max`, as TensorBoard draws it).
    private let loggedLastLimit: Double

    /// Each bucket's right edge exactly as logged: `HistogramProto.bucket_limit`, or the
    /// right column of TF2's tensor.
    public var loggedLimits: [Double] {
        var limits = rights
        if !limits.isEmpty { limits[limits.count - 1] = loggedLastLimit }
        return limits
    }

    /// Each bucket's count, as logged.
    public var counts: [Double] { bucketCounts }

    /// (left, right, count) per bucket.
    public var buckets: [(left: Double, right: Double, count: Double)] {
        rights.indices.map { i in
            (lefts?[i] ?? (i == 0 ? firstLeft : rights[i - 1]), rights[i], bucketCounts[i])
        }
    }

    /// From a `HistogramProto`, whose buckets carry only right edges: the first bucket starts
    /// at `min` and the last ends at `max`, as TensorBoard converts them (an empty first bucket
    /// that PyTorch keeps left of `min` starts at its own right edge instead).
    public init(wallTime: Double, proto: TBHistogramProto) {
        self.wallTime = wallTime
        min = proto.min
        max = proto.max
        num = proto.num
        sum = proto.sum
        let n = Swift.min(proto.bucketLimit.count, proto.bucket.count)
        var rights = Array(proto.bucketLimit.prefix(n))
        loggedLastLimit = rights.last ?? 0
        firstLeft = n > 0 ? Swift.min(proto.min, rights[0]) : 0
        if n > 0 { rights[n - 1] = Swift.max(proto.max, n == 1 ? firstLeft : rights[n - 2]) }
        self.rights = rights
        bucketCounts = Array(proto.bucket.prefix(n))
        lefts = nil
    }

    /// From TF2's histogram tensor: k rows of (left, right, count).
    public init(wallTime: Double, rows: [(Double, Double, Double)]) {
        self.wallTime = wallTime
        firstLeft = rows.first?.0 ?? 0
        rights = rows.map(\.1)
        loggedLastLimit = rows.last?.1 ?? 0
        bucketCounts = rows.map(\.2)
        let contiguous = rows.indices.dropFirst().allSatisfy { rows[$0].0 == rows[$0 - 1].1 }
        lefts = contiguous ? nil : rows.map(\.0)
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
