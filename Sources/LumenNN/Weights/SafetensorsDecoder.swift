import Foundation
import LumenTensor

/// Parses and checks the bytes of a safetensors file (see ``SafetensorsFile``).
struct SafetensorsDecoder {
    let bytes: [UInt8]
    let source: String

    /// The size in bytes of one element of each dtype the format defines.
    static let elementSizes: [String: Int] = [
        "BOOL": 1, "U8": 1, "I8": 1, "F8_E4M3": 1, "F8_E5M2": 1,
        "I16": 2, "U16": 2, "F16": 2, "BF16": 2,
        "I32": 4, "U32": 4, "F32": 4,
        "I64": 8, "U64": 8, "F64": 8,
    ]

    func decode() throws -> (tensors: StateDict, metadata: [String: String]) {
        guard bytes.count >= 8 else {
            throw failure("\(bytes.count) bytes; a safetensors file starts with an 8-byte header length")
        }
        let headerLength = bytes[0..<8].reversed().reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        guard headerLength <= UInt64(bytes.count - 8) else {
            throw failure("the header length at offset 0 is \(headerLength) bytes, but only \(bytes.count - 8) bytes follow")
        }
        let dataStart = 8 + Int(headerLength)
        let header: [String: Any]
        do {
            let object = try JSONSerialization.jsonObject(with: Data(bytes[8..<dataStart]))
            guard let dictionary = object as? [String: Any] else { throw failure("the header (offset 8) is not a JSON object") }
            header = dictionary
        } catch let error as SafetensorsError {
            throw error
        } catch {
            throw failure("the header (offsets 8..<\(dataStart)) is not valid JSON: \(error.localizedDescription)")
        }
        let metadata = try decodeMetadata(header["__metadata__"])
        var entries: [(key: String, dtype: String, shape: [Int], range: Range<Int>)] = []
        for (key, value) in header where key != "__metadata__" {
            entries.append(try decodeEntry(key, value, dataSize: bytes.count - dataStart))
        }
        entries.sort { ($0.range.lowerBound, $0.range.upperBound) < ($1.range.lowerBound, $1.range.upperBound) }
        var end = 0
        var tensors = StateDict()
        for entry in entries {
            guard entry.range.lowerBound == end else {
                let problem = entry.range.lowerBound < end ? "overlap the previous tensor's" : "leave bytes \(end)..<\(entry.range.lowerBound) unused"
                throw failure("tensor \"\(entry.key)\": data_offsets \(entry.range.lowerBound)..<\(entry.range.upperBound) \(problem)")
            }
            end = entry.range.upperBound
            let start = dataStart + entry.range.lowerBound
            let values = Self.floats(bytes[start..<(dataStart + entry.range.upperBound)], dtype: entry.dtype)
            tensors[entry.key] = Tensor(values, shape: entry.shape)
        }
        guard end == bytes.count - dataStart else {
            throw failure("\(bytes.count - dataStart - end) bytes after the last tensor's data (offset \(dataStart + end)) belong to no tensor")
        }
        return (tensors, metadata)
    }

    private func decodeMetadata(_ value: Any?) throws -> [String: String] {
        guard let value else { return [:] }
        guard let dictionary = value as? [String: Any] else { throw failure("header field \"__metadata__\" is not an object") }
        return try dictionary.mapValues { item in
            guard let text = item as? String else { throw failure("header field \"__metadata__\" holds a value that is not a string") }
            return text
        }
    }

    private func decodeEntry(_ key: String, _ value: Any, dataSize: Int) throws -> (key: String, dtype: String, shape: [Int], range: Range<Int>) {
        let name = "tensor \"\(key)\""
        guard let fields = value as? [String: Any] else { throw failure("\(name): the header entry is not an object") }
        guard let dtype = fields["dtype"] as? String else { throw failure("\(name): field \"dtype\" is missing or not a string") }
        guard let elementSize = Self.elementSizes[dtype] else { throw failure("\(name): unknown dtype \"\(dtype)\"") }
        guard dtype != "F8_E4M3" && dtype != "F8_E5M2" else { throw failure("\(name): dtype \(dtype) is not supported") }
        guard let shape = Self.integers(fields["shape"]), shape.allSatisfy({ $0 >= 0 }) else {
            throw failure("\(name): field \"shape\" is missing or not a list of non-negative integers")
        }
        guard let offsets = Self.integers(fields["data_offsets"]), offsets.count == 2, offsets[0] >= 0, offsets[0] <= offsets[1] else {
            throw failure("\(name): field \"data_offsets\" is missing or not two ascending integers")
        }
        guard offsets[1] <= dataSize else {
            throw failure("\(name): data_offsets end at \(offsets[1]), past the \(dataSize) data bytes (the file is truncated?)")
        }
        let expected = shape.reduce(1, *) * elementSize
        guard offsets[1] - offsets[0] == expected else {
            throw failure("\(name): shape \(shape) of \(dtype) needs \(expected) bytes, but data_offsets span \(offsets[1] - offsets[0])")
        }
        return (key, dtype, shape, offsets[0]..<offsets[1])
    }

    private static func integers(_ value: Any?) -> [Int]? {
        guard let numbers = value as? [Any] else { return nil }
        var result: [Int] = []
        for number in numbers {
            guard let number = number as? NSNumber, let integer = Int(exactly: number.doubleValue) else { return nil }
            result.append(integer)
        }
        return result
    }

    /// The little-endian elements of `dtype` in `raw`, as Float32.
    static func floats(_ raw: ArraySlice<UInt8>, dtype: String) -> [Float] {
        raw.withUnsafeBytes { buffer -> [Float] in
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
