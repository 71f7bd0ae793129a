import SwiftProtobuf

/// A logged model graph, read from its event file when asked for (the reader keeps only where
/// graph events are).
///
/// ### Example
/// ```swift
/// let (path, offset) = run.read { $0.graphs.last! }
/// let graph = try GraphBlob.read(path: path, offset: offset)
/// print(graph.definition.node.count)
/// ```
public struct GraphBlob: Sendable {
    /// When the graph was logged.
    public let wallTime: Double
    /// The decoded `GraphDef`.
    public let definition: TBGraphDef

    /// Reads the graph event in the record at `offset` of `path`, a file of `source` (a local
    /// file when nil), and decodes its `GraphDef`.
    /// - Throws: ``BlobError`` naming the file and offset when the record is damaged, cut off,
    ///   or holds no decodable graph.
    public static func read(path: String, offset: Int64, in source: (any LogdirSource)? = nil) throws -> GraphBlob {
        let event = try BlobRecord.event(path: path, offset: offset, blob: "the graph", source: source)
        guard case .graphDef(let bytes)? = event.what else {
            throw BlobError(path: path, offset: offset, blob: "the graph", reason: "the record holds no graph")
        }
        do {
            return GraphBlob(wallTime: event.wallTime, definition: try TBGraphDef(serializedBytes: bytes))
        } catch {
            throw BlobError(path: path, offset: offset, blob: "the graph", reason: "its bytes are not a GraphDef (\(error))")
        }
    }
}
