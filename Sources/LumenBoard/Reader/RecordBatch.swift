/// Records and damage read from a file outside the run's lock, copied so they outlive the
/// reader's buffer, to be added to the run's content in one short hold of its lock.
struct RecordBatch {
    private enum Item {
        case record(offset: Int64, bytes: Range<Int>)
        case damage(RecordDamage)
    }

    private var bytes: [UInt8] = []
    private var items: [Item] = []

    var isEmpty: Bool { items.isEmpty }

    mutating func append(record payload: UnsafeRawBufferPointer, offset: Int64) {
        let start = bytes.count
        bytes.append(contentsOf: payload)
        items.append(.record(offset: offset, bytes: start..<bytes.count))
    }

    mutating func append(_ damage: RecordDamage) { items.append(.damage(damage)) }

    /// Empties the batch, keeping its storage for the next one.
    mutating func removeAll() {
        bytes.removeAll(keepingCapacity: true)
        items.removeAll(keepingCapacity: true)
    }

    /// Adds every item, in the order read, to `content`.
    func add(to content: inout RunContent, path: String) {
        bytes.withUnsafeBytes { raw in
            for item in items {
                switch item {
                case .record(let offset, let range):
                    content.ingest(record: UnsafeRawBufferPointer(rebasing: raw[range]), path: path, offset: offset)
                case .damage(let damage):
                    content.add(damage)
                }
            }
        }
        content.publishStagedScalars()
    }
}
