/// The loader's fast path: when every value of an event is a scalar (PyTorch's `simple_value`,
/// or a rank-0 tensor of the "scalars" plugin), its step, wall time and scalars, read straight
/// from the wire without building message objects.
///
/// It accepts only events it reads completely — every field known, every string valid UTF-8 —
/// so whatever it accepts, the full decoder (``EventDecoding``) accepts too, with the same
/// values; anything else (other values, unknown fields, groups, malformed bytes) returns nil and
/// is left to the full decoder, whose verdict is the rule.
struct ScalarScan {
    var step: Int64 = 0
    var wallTime: Double = 0
    /// The first scalar's tag bytes and value (nearly every event holds exactly one).
    var first: (tag: UnsafeRawBufferPointer, value: Double)?
    /// How many scalars the event holds.
    private var count = 0
    /// The summary's bytes, read again by ``forEach(_:)`` for an event of several scalars.
    private var summary = UnsafeRawBufferPointer(start: nil, count: 0)

    private init() {}

    /// Scans `payload`; nil when the event holds anything but scalars (or is malformed).
    init?(_ payload: UnsafeRawBufferPointer) {
        if let simple = Self.oneSimpleValue(payload) {
            self = simple
            return
        }
        var reader = WireReader(payload)
        var sawSummary = false
        while let (number, type) = reader.nextField() {
            switch (number, type) {
            case (1, 1):
                guard let bits = reader.fixed64() else { return nil }
                wallTime = Double(bitPattern: bits)
            case (2, 0):
                guard let v = reader.varint() else { return nil }
                step = Int64(bitPattern: v)
            case (5, 2):
                guard !sawSummary, let bytes = reader.lengthDelimited(), scanSummary(bytes) else { return nil }
                summary = bytes
                sawSummary = true
            case (10, 2):  // source_metadata { writer }
                guard let metadata = reader.lengthDelimited(), Self.onlyStrings(metadata, field: 1) else { return nil }
            default:
                return nil
            }
        }
        guard sawSummary, first != nil, reader.isAtEnd else { return nil }
    }

    /// The event as PyTorch, tensorboardX and Lumen write a scalar, read in one pass: `wall_time`
    /// (field 1), `step` (field 2; absent when 0), then a summary of one value holding an ASCII
    /// tag of at most 118 bytes and a `simple_value`, and nothing else. Nil when the bytes are
    /// laid out in any other way; the field-by-field scan decides those. Whatever this reads,
    /// that scan reads to the same values: it is the same rule for one layout, a few times
    /// faster (most of a logdir's records are such events).
    static func oneSimpleValue(_ bytes: UnsafeRawBufferPointer) -> ScalarScan? {
        let n = bytes.count
        // wall_time, then the smallest summary: 2 + 2 + 2 + 0 + 5 bytes.
        guard n >= 20, bytes[0] == 0x09 else { return nil }
        var i = 9
        var step: UInt64 = 0
        if bytes[i] == 0x10 {
            i += 1
            guard let varint = WireReader.varint(in: bytes, at: &i) else { return nil }
            step = varint
        }
        // summary (5) { value (1) { tag (1), simple_value (2) } }, each length one byte.
        guard i + 6 <= n, bytes[i] == 0x2A, bytes[i + 2] == 0x0A, bytes[i + 4] == 0x0A else { return nil }
        let summaryLength = Int(bytes[i + 1])
        let valueLength = Int(bytes[i + 3])
        let tagLength = Int(bytes[i + 5])
        guard summaryLength < 0x80, valueLength < 0x80, tagLength < 0x80,
              summaryLength == valueLength + 2, valueLength == tagLength + 7, i + 2 + summaryLength == n else { return nil }
        let tagStart = i + 6
        guard bytes[tagStart + tagLength] == 0x15 else { return nil }
        let tag = UnsafeRawBufferPointer(rebasing: bytes[tagStart..<tagStart + tagLength])
        guard tag.allSatisfy({ $0 < 0x80 }) else { return nil }
        let bits = UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: tagStart + tagLength + 1, as: UInt32.self))
        var scan = ScalarScan()
        scan.wallTime = Double(bitPattern: UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: 1, as: UInt64.self)))
        scan.step = Int64(bitPattern: step)
        scan.first = (tag, Double(Float(bitPattern: bits)))
        scan.count = 1
        return scan
    }

    /// Calls `body` with each scalar's tag bytes and value, in order.
    func forEach(_ body: (UnsafeRawBufferPointer, Double) -> Void) {
        guard let first else { return }
        if count == 1 { return body(first.tag, first.value) }
        var reader = WireReader(summary)
        while reader.nextField() != nil, let bytes = reader.lengthDelimited() {
            if let scalar = Self.scalar(bytes) { body(scalar.tag, scalar.value) }
        }
    }

    private mutating func scanSummary(_ bytes: UnsafeRawBufferPointer) -> Bool {
        var reader = WireReader(bytes)
        while let (number, type) = reader.nextField() {
            guard number == 1, type == 2, let value = reader.lengthDelimited(), let scalar = Self.scalar(value) else { return false }
            if first == nil { first = scalar }
            count += 1
        }
        return reader.isAtEnd
    }

    /// The tag and value of a `Summary.Value` read completely, or nil when it is anything but
    /// a scalar.
    private static func scalar(_ bytes: UnsafeRawBufferPointer) -> (tag: UnsafeRawBufferPointer, value: Double)? {
        var reader = WireReader(bytes)
        var tag: UnsafeRawBufferPointer?
        var simpleValue: Double?
        var tensor: UnsafeRawBufferPointer?
        var pluginName: UnsafeRawBufferPointer?
        while let (number, type) = reader.nextField() {
            switch (number, type) {
            case (1, 2): guard let t = reader.string() else { return nil }; tag = t
            case (2, 5):
                guard let bits = reader.fixed32() else { return nil }
                simpleValue = Double(Float(bitPattern: bits))
            case (7, 2): guard reader.string() != nil else { return nil }  // node_name
            case (8, 2): guard let t = reader.lengthDelimited() else { return nil }; tensor = t
            case (9, 2):
                guard let metadata = reader.lengthDelimited(), scanMetadata(metadata, pluginName: &pluginName) else { return nil }
            default: return nil
            }
        }
        guard reader.isAtEnd else { return nil }
        // Both members of the value's oneof: the decoder keeps the last; leave that to it.
        guard let tag, (simpleValue == nil) != (tensor == nil) else { return nil }
        var value = simpleValue
        if let tensor {
            guard let name = pluginName, name.elementsEqual("scalars".utf8), let v = tensorValue(tensor) else { return nil }
            value = v
        }
        guard let value else { return nil }
        return (tag, value)
    }

    /// Reads `SummaryMetadata` completely; `pluginName` becomes the last plugin name set, which
    /// is what decoding (merging repeated messages) leaves.
    private static func scanMetadata(_ bytes: UnsafeRawBufferPointer, pluginName: inout UnsafeRawBufferPointer?) -> Bool {
        var reader = WireReader(bytes)
        while let (number, type) = reader.nextField() {
            switch (number, type) {
            case (1, 2):  // plugin_data { plugin_name, content }
                guard let pluginData = reader.lengthDelimited() else { return false }
                var inner = WireReader(pluginData)
                while let (n, t) = inner.nextField() {
                    switch (n, t) {
                    case (1, 2): guard let name = inner.string() else { return false }; pluginName = name
                    case (2, 2): guard inner.lengthDelimited() != nil else { return false }
                    default: return false
                    }
                }
                guard inner.isAtEnd else { return false }
            case (2, 2), (3, 2): guard reader.string() != nil else { return false }  // display_name, summary_description
            case (4, 0): guard reader.varint() != nil else { return false }          // data_class
            default: return false
            }
        }
        return reader.isAtEnd
    }

    /// The number of a tensor by the ``ScalarTensor`` rule, reading every field of it.
    private static func tensorValue(_ bytes: UnsafeRawBufferPointer) -> Double? {
        var reader = WireReader(bytes)
        var tensor = ScalarTensor()
        var content = UnsafeRawBufferPointer(start: nil, count: 0)
        while let (number, type) = reader.nextField() {
            switch (number, type) {
            case (1, 0): guard let v = reader.varint() else { return nil }; tensor.dtype = Int(Int32(truncatingIfNeeded: v))
            case (2, 2):
                guard let shape = reader.lengthDelimited(), let rank = rank(ofShape: shape) else { return nil }
                tensor.rank += rank
            case (3, 0): guard reader.varint() != nil else { return nil }  // version_number
            case (4, 2): guard let c = reader.lengthDelimited() else { return nil }; content = c
            case (5, 5): guard let bits = reader.fixed32() else { return nil }; tensor.floatVal.add(Float(bitPattern: bits))
            case (5, 2):
                guard let packed = reader.lengthDelimited(), packed.count % 4 == 0 else { return nil }
                for i in stride(from: 0, to: packed.count, by: 4) { tensor.floatVal.add(Float(bitPattern: packed.loadUnaligned(fromByteOffset: i, as: UInt32.self))) }
            case (6, 1): guard let bits = reader.fixed64() else { return nil }; tensor.doubleVal.add(Double(bitPattern: bits))
            case (6, 2):
                guard let packed = reader.lengthDelimited(), packed.count % 8 == 0 else { return nil }
                for i in stride(from: 0, to: packed.count, by: 8) { tensor.doubleVal.add(Double(bitPattern: packed.loadUnaligned(fromByteOffset: i, as: UInt64.self))) }
            case (7, 0): guard let v = reader.varint() else { return nil }; tensor.intVal.add(Int32(truncatingIfNeeded: v))
            case (10, 0): guard let v = reader.varint() else { return nil }; tensor.int64Val.add(Int64(bitPattern: v))
            case (7, 2), (10, 2):
                guard let packed = reader.lengthDelimited() else { return nil }
                var inner = WireReader(packed)
                while !inner.isAtEnd {
                    guard let v = inner.varint() else { return nil }
                    if number == 7 { tensor.intVal.add(Int32(truncatingIfNeeded: v)) } else { tensor.int64Val.add(Int64(bitPattern: v)) }
                }
            default: return nil
            }
        }
        // A key the loop could not read (cut off, or field number 0) ends it early: reject.
        guard reader.isAtEnd else { return nil }
        return tensor.value(tensorContent: content)
    }

    /// The number of dimensions of `TensorShapeProto` bytes, reading every field of them.
    private static func rank(ofShape bytes: UnsafeRawBufferPointer) -> Int? {
        var reader = WireReader(bytes)
        var rank = 0
        while let (number, type) = reader.nextField() {
            switch (number, type) {
            case (2, 2):  // dim { size, name }
                guard let dim = reader.lengthDelimited() else { return nil }
                var inner = WireReader(dim)
                while let (n, t) = inner.nextField() {
                    switch (n, t) {
                    case (1, 0): guard inner.varint() != nil else { return nil }
                    case (2, 2): guard inner.string() != nil else { return nil }
                    default: return nil
                    }
                }
                guard inner.isAtEnd else { return nil }
                rank += 1
            case (3, 0): guard reader.varint() != nil else { return nil }  // unknown_rank
            default: return nil
            }
        }
        return reader.isAtEnd ? rank : nil
    }

    /// Whether a message holds only the string field numbered `field`, valid UTF-8.
    private static func onlyStrings(_ bytes: UnsafeRawBufferPointer, field: UInt64) -> Bool {
        var reader = WireReader(bytes)
        while let (number, type) = reader.nextField() {
            guard number == field, type == 2, reader.string() != nil else { return false }
        }
        return reader.isAtEnd
    }
}
