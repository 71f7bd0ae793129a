/// An embedding's points: `rows` points of `columns` Float32 features, row-major.
struct EmbeddingMatrix: Sendable {
    let rows: Int
    let columns: Int
    let values: [Float]

    init(rows: Int, columns: Int, values: [Float]) {
        precondition(values.count == rows * columns)
        self.rows = rows
        self.columns = columns
        self.values = values
    }
}
