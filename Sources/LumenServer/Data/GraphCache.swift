import LumenBoard
import Synchronization

/// Graphs decoded so far, by event file and record offset, so each is read and decoded once,
/// when first asked for, and never while the log directory loads. Holds the most recently
/// decoded ``capacity`` graphs; a graph that fails to decode is not kept and is tried again.
final class GraphCache: Sendable {
    /// How many decoded graphs are kept.
    let capacity: Int

    private struct Key: Hashable {
        let path: String
        let offset: Int64
    }

    private let entries = Mutex<(documents: [Key: GraphDocument], order: [Key])>(([:], []))

    init(capacity: Int = 16) { self.capacity = max(1, capacity) }

    /// The graph in the record at `offset` of `path`, a file of `source`, decoded now if it is
    /// not kept yet.
    /// - Throws: ``BlobError`` naming the file and offset when it cannot be read.
    func document(path: String, offset: Int64, in source: any LogdirSource) throws -> GraphDocument {
        let key = Key(path: path, offset: offset)
        if let kept = entries.withLock({ $0.documents[key] }) { return kept }
        let document = GraphDocument(try GraphBlob.read(path: path, offset: offset, in: source))
        entries.withLock { entries in
            if entries.documents.updateValue(document, forKey: key) == nil { entries.order.append(key) }
            while entries.order.count > capacity { entries.documents[entries.order.removeFirst()] = nil }
        }
        return document
    }
}
