/// Points of one tag sorted by step, with TensorBoard's restart rule: a point at step s first
/// drops the points at steps ≥ s. Used for histograms, images and texts.
public struct StepSeries<Point> {
    public private(set) var steps: [Int64] = []
    public private(set) var points: [Point] = []

    public init() {}

    public mutating func append(_ point: Point, step: Int64) {
        if let last = steps.last, step <= last { truncate(fromStep: step) }
        steps.append(step)
        points.append(point)
    }

    public mutating func truncate(fromStep step: Int64) {
        guard let keep = steps.firstIndex(where: { $0 >= step }) else { return }
        steps.removeSubrange(keep...)
        points.removeSubrange(keep...)
    }

    public var count: Int { points.count }
}
