/// Points of any type beside their steps, in two arrays: the storage of histogram, image and
/// text series (few points each, so nothing is reserved ahead).
public struct PointColumns<Point>: ListedColumns {
    /// The steps, increasing.
    public private(set) var steps: [Int64] = []
    /// The points, one per step.
    public private(set) var points: [Point] = []

    public init() {}

    public var count: Int { steps.count }

    public func step(_ i: Int) -> Int64 { steps[i] }

    public mutating func append(step: Int64, _ point: Point) {
        steps.append(step)
        points.append(point)
    }

    public mutating func keepFirst(_ count: Int) {
        steps.removeSubrange(count...)
        points.removeSubrange(count...)
    }
}

/// A series of histograms, images or texts.
public typealias PointSeries<Point> = StepSeries<PointColumns<Point>>

/// Columns that hold their steps and points as arrays, so a series can hand them out whole.
public protocol ListedColumns: SeriesColumns {
    var steps: [Int64] { get }
    var points: [Point] { get }
}

extension StepSeries where Columns: ListedColumns {
    /// The steps, increasing.
    public var steps: [Int64] { columns.steps }
    /// The points, one per step.
    public var points: [Columns.Point] { columns.points }
}
