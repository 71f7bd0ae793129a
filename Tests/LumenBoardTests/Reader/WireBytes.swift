import LumenTestSupport
import Foundation
@testable import LumenBoard

/// Protobuf wire bytes written by hand, for events no well-behaved encoder writes
/// (tags that are not UTF-8, deep nesting).
enum WireBytes {
    static func varint(_ value: UInt64) -> [UInt8] {
        var v = value, out: [UInt8] = []
        while v >= 0x80 { out.append(UInt8(v & 0x7F) | 0x80); v >>= 7 }
        return out + [UInt8(v)]
    }

    static func key(_ field: UInt64, _ wireType: UInt64) -> [UInt8] { varint(field << 3 | wireType) }

    static func bytes(_ field: UInt64, _ content: [UInt8]) -> [UInt8] {
        key(field, 2) + varint(UInt64(content.count)) + content
    }

    static func double(_ field: UInt64, _ value: Double) -> [UInt8] {
        key(field, 1) + withUnsafeBytes(of: value.bitPattern.littleEndian, Array.init)
    }

    static func float(_ field: UInt64, _ value: Float) -> [UInt8] {
        key(field, 5) + withUnsafeBytes(of: value.bitPattern.littleEndian, Array.init)
    }

    /// An `Event` at `step` holding one summary value with `tag` (raw bytes) and `valueFields`.
    static func event(step: Int64, wallTime: Double = 1.7e9, tag: [UInt8], valueFields: [UInt8]) -> [UInt8] {
        let value = bytes(1, tag) + valueFields
        return double(1, wallTime) + key(2, 0) + varint(UInt64(bitPattern: step)) + bytes(5, bytes(1, value))
    }

    /// A `simple_value` scalar event.
    static func scalarEvent(step: Int64, wallTime: Double = 1.7e9, tag: [UInt8], value: Float) -> [UInt8] {
        event(step: step, wallTime: wallTime, tag: tag, valueFields: float(2, value))
    }

    /// `SummaryMetadata` naming the "scalars" plugin.
    static let scalarsPlugin = bytes(9, bytes(1, bytes(1, Array("scalars".utf8))))

    /// A TF2 scalar: a tensor of the "scalars" plugin holding `tensorFields`.
    static func tensorEvent(step: Int64, tag: String, tensorFields: [UInt8]) -> [UInt8] {
        event(step: step, tag: Array(tag.utf8), valueFields: bytes(8, tensorFields) + scalarsPlugin)
    }

    /// Groups (wire type 3) nested `depth` deep under field `field`.
    static func nestedGroups(_ field: UInt64, depth: Int) -> [UInt8] {
        Array(repeating: key(field, 3), count: depth).flatMap { $0 } + Array(repeating: key(field, 4), count: depth).flatMap { $0 }
    }

    /// Length-delimited fields nested `depth` deep under field `field` (messages in messages).
    static func nestedMessages(_ field: UInt64, depth: Int) -> [UInt8] {
        (0..<depth).reduce([UInt8]()) { inner, _ in bytes(field, inner) }
    }
}

/// A run directory holding one event file with `records` framed, and the file's path.
func runDirectory(records: [[UInt8]], name: String = #function) -> (dir: String, file: String) {
    let dir = temporaryDirectory(name)
    let file = dir + "/events.out.tfevents.1700000000.corpus"
    writeFile(framed(records), to: file)
    return (dir, file)
}

/// Loads `dir` as a board does; the run "." (nil when it has no run).
func loadRun(_ dir: String) -> RunStore? {
    let store = LogdirStore(root: dir)
    store.reload()
    return store.run(named: ".")
}

/// What `lumen inspect` reads from `file`: events and damage, in order.
func inspect(_ file: String) throws -> (events: [TBEvent], damage: [RecordDamage]) {
    try EventFileReader(path: file).readAvailable()
}
