import Foundation
import LumenTensor

/// Parses and checks the bytes of a safetensors file (see ``SafetensorsFile``), reading the
/// tensors straight out of `bytes` (which may be a memory-mapped file).
struct SafetensorsDecoder {
    let bytes: Data
    let source: String

    /// The size in bytes of one element of each dtype the format defines.
    static let elementSizes: [String: Int] = [
        "BOOL": 1, "U8": 1, "I8": 1, "F8_E4M3": 1, "F8_E5M2": 1,
        "I16": 2, "U16": 2, "F16": 2, "BF16": 2,
        "I32": 4, "U32": 4, "F32": 4,
        "I64": 8, "U64": 8, "F64": 8,
    ]

    func decode() throws -> (tensors: StateDict, metadata: [String: String]) {
        try bytes.withUnsafeBytes { raw in try decode(raw) }
    }

    private func decode(_ raw: UnsafeRawBufferPointer) throws -> (tensors: StateDict, metadata: [String: String]) {
        guard raw.count >= 8 else {
            throw failure("\(raw.count) bytes; a safetensors file starts with an 8-byte header length")
        }
        let headerLength = UInt64(littleEndian: raw.loadUnaligned(as: UInt64.self))
        guard headerLength <= UInt64(raw.count - 8) else {
            throw failure("the header length at offset 0 is \(headerLength) bytes, but only \(raw.count - 8) bytes follow")
        }
        let dataStart = 8 + Int(headerLength)
        let header = try decodeHeader(Data(raw[8..<dataStart]), end: dataStart)
        let dataSize = raw.count - dataStart
        var entries = try header.entries.map { try checkedEntry($0.key, $0.entry, dataSize: dataSize) }
        entries.sort { ($0.range.lowerBound, $0.range.upperBound) < ($1.range.lowerBound, $1.range.upperBound) }
        var end = 0
        var tensors = StateDict()
        for entry in entries {
            guard entry.range.lowerBound == end else {
                let problem = entry.range.lowerBound < end ? "overlap the previous tensor's" : "leave bytes \(end)..<\(entry.range.lowerBound) unused"
                throw failure("tensor \"\(entry.key)\": data_offsets \(entry.range.lowerBound)..<\(entry.range.upperBound) \(problem)")
            }
            end = entry.range.upperBound
            let slice = UnsafeRawBufferPointer(rebasing: raw[(dataStart + entry.range.lowerBound)..<(dataStart + entry.range.upperBound)])
            tensors[entry.key] = Tensor(Self.floats(slice, dtype: entry.dtype), shape: entry.shape)
        }
        guard end == dataSize else {
            throw failure("\(dataSize - end) bytes after the last tensor's data (offset \(dataStart + end)) belong to no tensor")
        }
        return (tensors, header.metadata)
    }

    private func decodeHeader(_ json: Data, end: Int) throws -> SafetensorsHeader {
        do {
            return try JSONDecoder().decode(SafetensorsHeader.self, from: json)
        } catch let DecodingError.typeMismatch(_, context), let DecodingError.valueNotFound(_, context),
                let DecodingError.keyNotFound(_, context), let DecodingError.dataCorrupted(context) {
            let path = context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
            let location = path.isEmpty ? "the header (offsets 8..<\(end))" : "header field \(path.dropFirst())"
            throw failure("\(location): \(context.debugDescription)")
        } catch {
            throw failure("the header (offsets 8..<\(end)) cannot be read: \(error)")
        }
    }

    /// An entry whose dtype is known and whose offsets fit the data and match its shape; sizes
    /// are multiplied with overflow checks, so a hostile header is an error, not a trap.
    private func checkedEntry(_ key: String, _ entry: SafetensorsHeader.Entry, dataSize: Int) throws
        -> (key: String, dtype: String, shape: [Int], range: Range<Int>) {
        let name = "tensor \"\(key)\""
        guard let elementSize = Self.elementSizes[entry.dtype] else { throw failure("\(name): unknown dtype \"\(entry.dtype)\"") }
        guard !entry.dtype.hasPrefix("F8") else { throw failure("\(name): dtype \(entry.dtype) is not supported") }
        guard entry.shape.allSatisfy({ $0 >= 0 }) else { throw failure("\(name): shape \(entry.shape) has a negative size") }
        let offsets = entry.dataOffsets
        guard offsets.count == 2, offsets[0] >= 0, offsets[0] <= offsets[1] else {
            throw failure("\(name): data_offsets \(offsets) are not two ascending offsets")
        }
        guard offsets[1] <= dataSize else {
            throw failure("\(name): data_offsets end at \(offsets[1]), past the \(dataSize) data bytes (the file is truncated?)")
        }
        // Every non-zero size is multiplied in, so a shape like [0, 2⁶², 8] is refused too.
        var elements = 1, magnitude = elementSize
        for size in entry.shape {
            let (product, overflow) = magnitude.multipliedReportingOverflow(by: Swift.max(size, 1))
            guard !overflow else { throw failure("\(name): shape \(entry.shape) is too large") }
            magnitude = product
            elements *= size
        }
        let expected = elements * elementSize
        guard offsets[1] - offsets[0] == expected else {
            throw failure("\(name): shape \(entry.shape) of \(entry.dtype) needs \(expected) bytes, but data_offsets span \(offsets[1] - offsets[0])")
        }
        return (key, entry.dtype, entry.shape, offsets[0]..<offsets[1])
    }

    /// The little-endian elements of `dtype` in `raw`, as Float32.
    static func floats(_ buffer: UnsafeRawBufferPointer, dtype: String) -> [Float] {
        do {
            func load<T: FixedWidthInteger>(_: T.Type) -> [T] {
                (0..<(buffer.count / MemoryLayout<T>.size)).map {
                    T(littleEndian: buffer.loadUnaligned(fromByteOffset: $0 * MemoryLayout<T>.size, as: T.self))
                }
            }
            switch dtype {
            case "F32": return load(UInt32.self).map { Float(bitPattern: $0) }
            case "F64": return load(UInt64.self).map { Float(Double(bitPattern: $0)) }
            case "F16": return load(UInt16.self).map { Float(halfBits: $0) }
            case "BF16": return load(UInt16.self).map { Float(bitPattern: UInt32($0) << 16) }
            case "I64": return load(Int64.self).map { Float($0) }
            case "U64": return load(UInt64.self).map { Float($0) }
            case "I32": return load(Int32.self).map { Float($0) }
            case "U32": return load(UInt32.self).map { Float($0) }
            case "I16": return load(Int16.self).map { Float($0) }
            case "U16": return load(UInt16.self).map { Float($0) }
            case "I8": return load(Int8.self).map { Float($0) }
            default: return load(UInt8.self).map { Float($0) }   // U8 and BOOL
            }
        }
    }

    private func failure(_ message: String) -> SafetensorsError { SafetensorsError(source: source, message: message) }
}

extension Float {
    /// The value of IEEE 754 half-precision bits (subnormals, infinities and NaN included).
    init(halfBits bits: UInt16) {
        let sign = UInt32(bits >> 15) << 31
        let exponent = Int(bits >> 10) & 0x1F
        let fraction = UInt32(bits & 0x3FF)
        switch exponent {
        case 0:
            let magnitude = Float(fraction) * 0x1p-24
            self = sign == 0 ? magnitude : -magnitude
        case 0x1F:
            self = Float(bitPattern: sign | 0x7F80_0000 | fraction << 13)
        default:
            self = Float(bitPattern: sign | UInt32(exponent + 112) << 23 | fraction << 13)
        }
    }
}
