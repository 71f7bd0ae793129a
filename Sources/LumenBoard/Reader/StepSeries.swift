import Synchronization

/// Storage for the points of one series, in step order. ``StepSeries`` puts the restart rule
/// on top; the storage only appends and cuts its tail.
public protocol SeriesColumns {
    /// What one point carries besides its step.
    associatedtype Point

    /// Empty storage.
    init()
    /// Number of points.
    var count: Int { get }
    /// The step of point `i`.
    func step(_ i: Int) -> Int64
    /// Adds a point after the last one.
    mutating func append(step: Int64, _ point: Point)
    /// Keeps the first `count` points and drops the rest.
    mutating func keepFirst(_ count: Int)
}

/// The points of one tag sorted by step, with TensorBoard's restart rule: a point at step s
/// first drops the points at steps ≥ s (a run resumed from a checkpoint), so lines never
/// zig-zag. Scalars keep their points in ``ScalarColumns``; histograms, images and texts in
/// ``PointColumns``.
///
/// ### Example
/// ```swift
/// let series = ScalarSeries()
/// series.append(step: 0, wallTime: 1.7e9, value: 1.0)
/// series.append(step: 1, wallTime: 1.7e9, value: 0.5)
/// series.append(step: 1, wallTime: 1.7e9, value: 0.6)   // restarted: replaces step 1
/// series.count  // 2
/// ```
public final class StepSeries<Columns: SeriesColumns> {
    /// The points.
    public private(set) var columns = Columns()

    /// Changes whenever the points do (each append and each cut), and differs between any two
    /// series of the process: a number that stands for exactly these points, for caching
    /// answers about them. Series start 2⁴⁰ apart, so no series reaches another's numbers.
    public private(set) var version: UInt64

    /// An empty series.
    public init() { version = SeriesVersions.start() }

    /// Number of points.
    public var count: Int { columns.count }

    /// The step of point `i`.
    public func step(_ i: Int) -> Int64 { columns.step(i) }

    /// Adds a point, first dropping any points at the same or later steps.
    public func append(_ point: Columns.Point, step: Int64) {
        Self.append(point, step: step, to: &columns)
        version &+= 1
    }

    /// Adds `points[i]` at `steps[i]` for each i in order, as many ``append(_:step:)`` calls
    /// would, in one access to the columns (the loader's path for a batch of records).
    public func append(_ points: [Columns.Point], steps: [Int64]) {
        precondition(points.count == steps.count, "\(points.count) points for \(steps.count) steps")
        guard !points.isEmpty else { return }
        Self.append(points, steps: steps, to: &columns)
        version &+= 1
    }

    /// Drops every point at `step` or later.
    public func truncate(fromStep step: Int64) {
        if Self.truncate(&columns, fromStep: step) { version &+= 1 }
    }

    /// Index of the first point whose step is ≥ `step` (`count` if none).
    public func index(ofFirstStepAtLeast step: Int64) -> Int {
        Self.index(in: columns, ofFirstStepAtLeast: step)
    }

    private static func append(_ points: [Columns.Point], steps: [Int64], to columns: inout Columns) {
        for i in points.indices { append(points[i], step: steps[i], to: &columns) }
    }

    private static func append(_ point: Columns.Point, step: Int64, to columns: inout Columns) {
        if columns.count > 0, step <= columns.step(columns.count - 1) { truncate(&columns, fromStep: step) }
        columns.append(step: step, point)
    }

    /// Drops the points at `step` or later; whether there were any.
    private static func truncate(_ columns: inout Columns, fromStep step: Int64) -> Bool {
        let keep = index(in: columns, ofFirstStepAtLeast: step)
        guard keep < columns.count else { return false }
        columns.keepFirst(keep)
        return true
    }

    private static func index(in columns: Columns, ofFirstStepAtLeast step: Int64) -> Int {
        var low = 0, high = columns.count
        while low < high {
            let mid = low + (high - low) / 2
            if columns.step(mid) < step { low = mid + 1 } else { high = mid }
        }
        return low
    }
}

/// Hands out the first ``StepSeries/version`` of each series.
enum SeriesVersions {
    private static let next = Atomic<UInt64>(0)

    static func start() -> UInt64 { next.wrappingAdd(1 << 40, ordering: .relaxed).oldValue }
}
