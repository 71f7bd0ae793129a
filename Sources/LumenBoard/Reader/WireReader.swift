/// Reads protobuf wire format field by field from raw bytes: what the logdir loader uses to
/// pull scalars out of millions of events without building message objects.
struct WireReader {
    private let bytes: UnsafeRawBufferPointer
    private var index = 0

    init(_ bytes: UnsafeRawBufferPointer) { self.bytes = bytes }

    var isAtEnd: Bool { index >= bytes.count }

    /// The next field's number and wire type, or nil at the end or on a malformed key. A
    /// malformed key (cut off, longer than 5 bytes, above 32 bits, or field number 0, as
    /// protobuf decoders reject) is left unread, so ``isAtEnd`` stays false and the caller
    /// rejects the message instead of taking it as ended.
    mutating func nextField() -> (number: UInt64, wireType: UInt64)? {
        let start = index
        guard !isAtEnd, let key = varint(), index - start <= 5, key <= UInt64(UInt32.max), key >> 3 != 0 else {
            index = start
            return nil
        }
        return (key >> 3, key & 7)
    }

    /// A varint of at most 10 bytes; nil (reading nothing) when it is cut off or longer.
    mutating func varint() -> UInt64? { Self.varint(in: bytes, at: &index) }

    /// The varint of at most 10 bytes at `index` in `bytes`, moving `index` past it; nil, with
    /// `index` unmoved, when it is cut off or longer.
    static func varint(in bytes: UnsafeRawBufferPointer, at index: inout Int) -> UInt64? {
        let start = index
        var result: UInt64 = 0
        var shift: UInt64 = 0
        while index < bytes.count && shift < 64 {
            let byte = bytes[index]
            index &+= 1
            result |= UInt64(byte & 0x7F) << shift
            if byte < 0x80 { return result }
            shift += 7
        }
        index = start
        return nil
    }

    mutating func fixed64() -> UInt64? {
        guard index + 8 <= bytes.count else { return nil }
        defer { index &+= 8 }
        return UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: index, as: UInt64.self))
    }

    mutating func fixed32() -> UInt32? {
        guard index + 4 <= bytes.count else { return nil }
        defer { index &+= 4 }
        return UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: index, as: UInt32.self))
    }

    /// A length-delimited field's bytes.
    mutating func lengthDelimited() -> UnsafeRawBufferPointer? {
        guard let length = varint(), length <= UInt64(bytes.count - index) else { return nil }
        let start = index
        index &+= Int(length)
        return UnsafeRawBufferPointer(rebasing: bytes[start..<index])
    }

    /// A string field's bytes, or nil when they are not valid UTF-8: protobuf decoders
    /// (TensorBoard's, and Lumen's full decoder) reject such a message.
    mutating func string() -> UnsafeRawBufferPointer? {
        guard let bytes = lengthDelimited() else { return nil }
        if bytes.allSatisfy({ $0 < 0x80 }) { return bytes }
        return String(validating: bytes, as: UTF8.self) == nil ? nil : bytes
    }

    /// Skips a field of `wireType`; false on malformed input.
    mutating func skip(_ wireType: UInt64) -> Bool {
        switch wireType {
        case 0: return varint() != nil
        case 1: return fixed64() != nil
        case 2: return lengthDelimited() != nil
        case 5: return fixed32() != nil
        default: return false
        }
    }
}
