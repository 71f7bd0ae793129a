import SwiftProtobuf

/// The one rule for which records are events, shared by the board's loader and
/// `lumen inspect`: a record's payload is an event exactly when a protobuf decoder accepts it as
/// `Event` — every string valid UTF-8, messages nested at most 100 deep — as TensorBoard's
/// readers decide (rustboard's prost decoder and the Python protobuf runtime both reject such
/// records). Any other payload is damage: reported with its file and offset, and skipped.
public enum EventDecoding {
    /// The event in `payload`, the record at `offset` of `path`, or the damage that it is
    /// (kind ``RecordDamage/Kind/undecodableEvent(reason:)``).
    public static func event(_ payload: [UInt8], path: String, offset: Int64) -> Result<TBEvent, RecordDamage> {
        do {
            return .success(try TBEvent(serializedBytes: payload))
        } catch {
            return .failure(RecordDamage(path: path, offset: offset, kind: .undecodableEvent(reason: "\(error)")))
        }
    }
}
