import SwiftProtobuf

/// Reads back the event in one record of an event file, for blobs whose place the reader kept
/// instead of their bytes.
enum BlobRecord {
    /// The event in the record at `offset` of `path` — a file of `source`, a local file when it
    /// is nil — both checksums verified.
    /// - Throws: ``BlobError`` naming `blob`, the file and the offset when no intact record
    ///   starts there or its payload is not an `Event` message.
    static func event(path: String, offset: Int64, blob: String, source: (any LogdirSource)?) throws -> TBEvent {
        func failure(_ reason: String) -> BlobError { BlobError(path: path, offset: offset, blob: blob, reason: reason) }
        let payload: [UInt8]
        do {
            let bytes = try source?.open(path) ?? LocalFileBytes(path: path)
            payload = try RecordReader.payload(path: path, offset: offset, bytes: bytes)
        } catch let damage as RecordDamage {
            throw failure(reason(damage.kind))
        } catch {
            throw failure("\(error)")
        }
        do {
            return try TBEvent(serializedBytes: payload)
        } catch {
            throw failure("the record is not an Event message (\(error))")
        }
    }

    private static func reason(_ damage: RecordDamage.Kind) -> String {
        switch damage {
        case .badLengthChecksum: return "no intact record starts there"
        case .badDataChecksum(let length): return "the \(length)-byte record there fails its data checksum"
        case .undecodableEvent(let reason): return "the record is not an Event message (\(reason))"
        case .malformedPluginData(let plugin, let tag, let reason): return "its \(plugin) data of tag \"\(tag)\" is malformed (\(reason))"
        }
    }
}
