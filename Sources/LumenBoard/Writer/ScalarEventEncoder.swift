/// Writes a scalar `Event` straight into a byte buffer, field by field, with no intermediate
/// message objects: the hot path of `addScalar`. The bytes equal SwiftProtobuf's
/// serialization of the same `TBEvent` (a test checks), so readers cannot tell the difference.
enum ScalarEventEncoder {
    static func append(tag: String, value: Float, step: Int64, wallTime: Double, to buffer: inout [UInt8]) {
        var tag = tag
        tag.withUTF8 { tagBytes in
            // proto3 omits an empty tag; the oneof's simple_value is always present.
            let tagFieldLength = tagBytes.isEmpty ? 0 : 1 + varintSize(UInt64(tagBytes.count)) + tagBytes.count
            let valueLength = tagFieldLength + 5
            let summaryLength = 1 + varintSize(UInt64(valueLength)) + valueLength
            // Event.wall_time (1, fixed64); proto3 omits zero.
            if wallTime.bitPattern != 0 {
                buffer.append(0x09)
                RecordFraming.appendLittleEndian(wallTime.bitPattern, to: &buffer)
            }
            // Event.step (2, varint); omitted when 0.
            if step != 0 {
                buffer.append(0x10)
                appendVarint(UInt64(bitPattern: step), to: &buffer)
            }
            // Event.summary (5) { Summary.value (1) { tag (1), simple_value (2, fixed32) } }
            buffer.append(0x2A)
            appendVarint(UInt64(summaryLength), to: &buffer)
            buffer.append(0x0A)
            appendVarint(UInt64(valueLength), to: &buffer)
            if !tagBytes.isEmpty {
                buffer.append(0x0A)
                appendVarint(UInt64(tagBytes.count), to: &buffer)
                buffer.append(contentsOf: tagBytes)
            }
            buffer.append(0x15)
            RecordFraming.appendLittleEndian(value.bitPattern, to: &buffer)
        }
    }

    @inline(__always)
    static func varintSize(_ value: UInt64) -> Int {
        value == 0 ? 1 : (70 - value.leadingZeroBitCount) / 7
    }

    @inline(__always)
    static func appendVarint(_ value: UInt64, to buffer: inout [UInt8]) {
        var v = value
        while v >= 0x80 {
            buffer.append(UInt8(truncatingIfNeeded: v) | 0x80)
            v >>= 7
        }
        buffer.append(UInt8(v))
    }
}
