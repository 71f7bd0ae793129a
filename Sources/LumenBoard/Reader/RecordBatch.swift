/// Records and damage read from a file outside the run's lock, copied so they outlive the
/// reader's buffer, to be added to the run's content in one short hold of its lock.
struct RecordBatch {
    /// Where each record's payload ends in `bytes` (it starts where the one before ends), and
    /// its offset in the file.
    private var records: [(offset: Int64, end: Int)] = []
    private var bytes: [UInt8] = []
    /// Damage, each with the number of records read before it in this batch.
    private var damage: [(recordsBefore: Int, damage: RecordDamage)] = []

    var isEmpty: Bool { records.isEmpty && damage.isEmpty }

    mutating func append(record payload: UnsafeRawBufferPointer, offset: Int64) {
        bytes.append(contentsOf: payload)
        records.append((offset, bytes.count))
    }

    mutating func append(_ damage: RecordDamage) { self.damage.append((records.count, damage)) }

    /// Empties the batch, keeping its storage for the next one.
    mutating func removeAll() {
        bytes.removeAll(keepingCapacity: true)
        records.removeAll(keepingCapacity: true)
        damage.removeAll(keepingCapacity: true)
    }

    /// Adds every record and damage, in the order read, to `content`.
    func add(to content: inout RunContent, path: String) {
        bytes.withUnsafeBytes { raw in
            var nextDamage = 0
            var start = 0
            for (index, record) in records.enumerated() {
                while nextDamage < damage.count, damage[nextDamage].recordsBefore == index {
                    content.add(damage[nextDamage].damage)
                    nextDamage += 1
                }
                content.ingest(record: UnsafeRawBufferPointer(rebasing: raw[start..<record.end]), path: path, offset: record.offset)
                start = record.end
            }
            for item in damage[nextDamage...] { content.add(item.damage) }
        }
        content.publishStagedScalars()
    }
}
