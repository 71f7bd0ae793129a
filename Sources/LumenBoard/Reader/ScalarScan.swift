/// A quick look at an event's bytes: when every value it holds is a scalar (PyTorch's
/// `simple_value` or a TF2 rank-0 tensor of the "scalars" plugin), its step, wall time and
/// scalars, read straight from the wire. Anything else is left to the full decoder.
struct ScalarScan {
    var step: Int64 = 0
    var wallTime: Double = 0
    /// The first scalar's tag bytes and value (nearly every event holds exactly one).
    var first: (tag: UnsafeRawBufferPointer, value: Double)?
    /// Any further scalars, in order (an empty array allocates nothing).
    var rest: [(tag: UnsafeRawBufferPointer, value: Double)] = []

    /// Scans `payload`; nil when the event holds anything but scalars (or is malformed).
    init?(_ payload: UnsafeRawBufferPointer) {
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
                guard let summary = reader.lengthDelimited(), scanSummary(summary) else { return nil }
                sawSummary = true
            case (10, 2):
                guard reader.skip(2) else { return nil }
            default:
                return nil
            }
        }
        guard sawSummary, first != nil, reader.isAtEnd else { return nil }
    }

    /// Calls `body` with each scalar's tag bytes and value, in order.
    func forEach(_ body: (UnsafeRawBufferPointer, Double) -> Void) {
        if let first { body(first.tag, first.value) }
        for (tag, value) in rest { body(tag, value) }
    }

    private mutating func scanSummary(_ bytes: UnsafeRawBufferPointer) -> Bool {
        var reader = WireReader(bytes)
        while let (number, type) = reader.nextField() {
            guard number == 1, type == 2, let value = reader.lengthDelimited(), scanValue(value) else { return false }
        }
        return reader.isAtEnd
    }

    private mutating func scanValue(_ bytes: UnsafeRawBufferPointer) -> Bool {
        var reader = WireReader(bytes)
        var tag: UnsafeRawBufferPointer?
        var value: Double?
        var tensor: UnsafeRawBufferPointer?
        var isScalarPlugin = false
        while let (number, type) = reader.nextField() {
            switch (number, type) {
            case (1, 2): tag = reader.lengthDelimited()
            case (2, 5):
                guard let bits = reader.fixed32() else { return false }
                value = Double(Float(bitPattern: bits))
            case (7, 2): guard reader.skip(2) else { return false }  // node_name
            case (8, 2): tensor = reader.lengthDelimited()
            case (9, 2):
                guard let metadata = reader.lengthDelimited() else { return false }
                isScalarPlugin = Self.isScalarsPlugin(metadata)
            default: return false
            }
        }
        if let tensor {
            guard isScalarPlugin, let v = Self.rankZeroValue(tensor) else { return false }
            value = v
        }
        guard let tag, let value else { return false }
        if first == nil { first = (tag, value) } else { rest.append((tag, value)) }
        return true
    }

    /// Whether `SummaryMetadata` bytes name the plugin "scalars".
    private static func isScalarsPlugin(_ metadata: UnsafeRawBufferPointer) -> Bool {
        var reader = WireReader(metadata)
        while let (number, type) = reader.nextField() {
            if number == 1, type == 2, let pluginData = reader.lengthDelimited() {
                var inner = WireReader(pluginData)
                while let (n, t) = inner.nextField() {
                    if n == 1, t == 2, let name = inner.lengthDelimited() {
                        return name.elementsEqual("scalars".utf8)
                    }
                    guard inner.skip(t) else { return false }
                }
                return false
            }
            guard reader.skip(type) else { return false }
        }
        return false
    }

    /// The single number of a rank-0 float / double / int tensor.
    private static func rankZeroValue(_ tensor: UnsafeRawBufferPointer) -> Double? {
        var reader = WireReader(tensor)
        var dtype: UInt64 = 0
        var result: Double?
        var content: UnsafeRawBufferPointer?
        while let (number, type) = reader.nextField() {
            switch (number, type) {
            case (1, 0): dtype = reader.varint() ?? 0
            case (4, 2): content = reader.lengthDelimited()
            case (5, 2):  // packed float_val
                guard let packed = reader.lengthDelimited(), packed.count == 4 else { return nil }
                result = Double(Float(bitPattern: packed.loadUnaligned(as: UInt32.self)))
            case (5, 5): result = reader.fixed32().map { Double(Float(bitPattern: $0)) }
            case (6, 2):  // packed double_val
                guard let packed = reader.lengthDelimited(), packed.count == 8 else { return nil }
                result = Double(bitPattern: packed.loadUnaligned(as: UInt64.self))
            case (6, 1): result = reader.fixed64().map { Double(bitPattern: $0) }
            case (7, 2), (10, 2):  // packed int_val / int64_val
                guard let packed = reader.lengthDelimited() else { return nil }
                var inner = WireReader(packed)
                guard let v = inner.varint(), inner.isAtEnd else { return nil }
                result = Double(Int64(bitPattern: v))
            case (7, 0), (10, 0): result = reader.varint().map { Double(Int64(bitPattern: $0)) }
            case (2, 2), (3, 0):  // shape (rank 0 has no dims), version
                guard reader.skip(type) else { return nil }
            default: return nil
            }
        }
        if result == nil, let content {
            switch (dtype, content.count) {
            case (1, 4): result = Double(Float(bitPattern: content.loadUnaligned(as: UInt32.self)))
            case (2, 8): result = Double(bitPattern: content.loadUnaligned(as: UInt64.self))
            case (3, 4): result = Double(content.loadUnaligned(as: Int32.self))
            case (9, 8): result = Double(content.loadUnaligned(as: Int64.self))
            default: return nil
            }
        }
        return result
    }
}
