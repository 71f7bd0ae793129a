/// A place in an event file where bytes could not be read as a record.
///
/// Readers report damage and go on after it wherever the framing allows, so one bad byte
/// never hides the records around it.
public struct RecordDamage: Error, Sendable, Equatable, CustomStringConvertible {
    /// What was wrong.
    public enum Kind: Sendable, Equatable {
        /// The length field's checksum did not match; `skippedBytes` were passed over to the
        /// next position where a whole, valid record starts (or, at the end of a file, so far).
        case badLengthChecksum(skippedBytes: Int64)
        /// The record's framing was intact but its data failed the checksum; the record was skipped.
        case badDataChecksum(length: Int64)
        /// The record was intact but its payload is not a valid `Event` message.
        case undecodableEvent(reason: String)
        /// The event was intact but one value's plugin data (hparams, PR curve, custom-scalars
        /// layout) could not be read; that value was skipped.
        case malformedPluginData(plugin: String, tag: String, reason: String)
    }

    /// The file the damage is in.
    public let path: String
    /// Byte offset in the file where the damaged record starts.
    public let offset: Int64
    /// What was wrong.
    public let kind: Kind

    public init(path: String, offset: Int64, kind: Kind) {
        self.path = path
        self.offset = offset
        self.kind = kind
    }

    public var description: String {
        switch kind {
        case .badLengthChecksum(let skipped):
            return "\(path): bad length checksum at offset \(offset); \(skipped) bytes skipped that are not records"
        case .badDataChecksum(let length):
            return "\(path): bad data checksum in the \(length)-byte record at offset \(offset); record skipped"
        case .undecodableEvent(let reason):
            return "\(path): record at offset \(offset) is not an Event message (\(reason)); record skipped"
        case .malformedPluginData(let plugin, let tag, let reason):
            return "\(path): record at offset \(offset): \(plugin) data of tag \"\(tag)\" is malformed (\(reason)); value skipped"
        }
    }
}
