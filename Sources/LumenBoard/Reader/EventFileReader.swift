import Foundation
import SwiftProtobuf

/// Reads the events of one event file, record by record, checking every checksum; which
/// records are events is ``EventDecoding``'s rule, the board's too.
///
/// A partial last record is "not complete yet", not an error: `next()` returns `nil`, and a
/// later call picks up where it stopped once the writer has appended the rest. Damaged bytes
/// are reported as ``RecordDamage`` (naming the file and byte offset) and read past.
///
/// ### Example
/// ```swift
/// let reader = try EventFileReader(path: "runs/exp1/events.out.tfevents.1700000000.host.42.0")
/// while let item = reader.next() {
///     switch item {
///     case .event(let event, _): print(event.step, event.summary.value.map(\.tag))
///     case .damage(let damage): print("skipped:", damage)
///     }
/// }
/// ```
public final class EventFileReader {
    /// One thing found in the file.
    public enum Item {
        /// An intact event and the byte offset of its record.
        case event(TBEvent, offset: Int64)
        /// Bytes or a record that could not be read.
        case damage(RecordDamage)
    }

    private let records: RecordReader

    /// The file being read.
    public var path: String { records.path }

    /// File offset of the next record to read.
    public var offset: Int64 { records.offset }

    /// Bytes at the end of the file that do not yet form a complete record.
    public var pendingBytes: Int { records.pendingBytes }

    /// Bytes passed over as damage with no intact record after them yet.
    public var unreadableBytes: Int64 { records.unreadableBytes }

    /// Opens `path`.
    /// - Throws: ``EventFileError/cannotOpen(path:reason:)``.
    public init(path: String) throws {
        records = try RecordReader(path: path)
    }

    /// The next event or damage, or `nil` when no complete record follows yet.
    public func next() -> Item? {
        guard let item = records.next() else { return nil }
        switch item {
        case .damage(let damage):
            return .damage(damage)
        case .record(let offset, let payload):
            switch EventDecoding.event(payload, path: path, offset: offset) {
            case .success(let event): return .event(event, offset: offset)
            case .failure(let damage): return .damage(damage)
            }
        }
    }

    /// Reads every complete event from here to the end of what is written now.
    public func readAvailable() -> (events: [TBEvent], damage: [RecordDamage]) {
        var events: [TBEvent] = []
        var damage: [RecordDamage] = []
        while let item = next() {
            switch item {
            case .event(let event, _): events.append(event)
            case .damage(let d): damage.append(d)
            }
        }
        return (events, damage)
    }
}
