/// An embedding's labels: named columns of one string per point.
struct EmbeddingMetadata: Sendable {
    /// The columns' names (`label` for a file with one column and no header).
    let names: [String]
    /// One array per column, one label per point.
    let columns: [[String]]
}
