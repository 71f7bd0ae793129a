/// An embedding's points: `rows` points of `columns` Float32 features, row-major.
public struct EmbeddingMatrix: Sendable {
    /// The number of points.
    public let rows: Int
    /// The number of features per point.
    public let columns: Int
    /// Point after point, each point's features in order.
    public let values: [Float]

    /// A matrix of `rows` × `columns` values, row-major.
    public init(rows: Int, columns: Int, values: [Float]) {
        precondition(values.count == rows * columns)
        self.rows = rows
        self.columns = columns
        self.values = values
    }

    /// The row and column of the first value that is NaN or infinite, if any.
    public var firstNonFinite: (row: Int, column: Int)? {
        values.firstIndex { !$0.isFinite }.map { (row: $0 / columns, column: $0 % columns) }
    }
}
