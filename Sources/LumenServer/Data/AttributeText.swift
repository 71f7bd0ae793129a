import Foundation
import LumenBoard

/// Short, readable text for a graph node's attribute values, as the Graphs dashboard's details
/// panel shows them: strings as written, numbers, `float32`-style type names, shapes as
/// `[1, 3, ?]`, tensors by type and shape (with their values when there are only a few).
enum AttributeText {
    /// Longest string value sent; longer ones are cut with an ellipsis.
    static let maxLength = 2_000
    /// Tensors with at most this many listed values show them.
    static let maxTensorValues = 10

    static func text(_ value: TBAttrValue) -> String {
        switch value.value {
        case nil: return ""
        case .s(let bytes)?: return string(bytes)
        case .i(let i)?: return "\(i)"
        case .f(let f)?: return "\(f)"
        case .b(let b)?: return b ? "true" : "false"
        case .type(let type)?: return dataType(type)
        case .shape(let shape)?: return self.shape(shape)
        case .tensor(let tensor)?: return self.tensor(tensor)
        case .list(let list)?: return "[" + items(list).joined(separator: ", ") + "]"
        case .func(let function)?: return function.name
        case .placeholder(let name)?: return "$" + name
        }
    }

    /// `[1, 3, 32, 32]`, `?` for an unknown size, `[…]` for an unknown rank.
    static func shape(_ shape: TBTensorShapeProto) -> String {
        if shape.unknownRank { return "[…]" }
        return "[" + shape.dim.map { $0.size < 0 ? "?" : "\($0.size)" }.joined(separator: ", ") + "]"
    }

    /// NumPy-style names (`float32`, `int64`, `string`).
    static func dataType(_ type: TBDataType) -> String {
        switch type {
        case .dtInvalid: return "invalid"
        case .dtFloat: return "float32"
        case .dtDouble: return "float64"
        case .dtInt32: return "int32"
        case .dtUint8: return "uint8"
        case .dtInt16: return "int16"
        case .dtInt8: return "int8"
        case .dtString: return "string"
        case .dtComplex64: return "complex64"
        case .dtInt64: return "int64"
        case .dtBool: return "bool"
        case .dtBfloat16: return "bfloat16"
        case .dtUint16: return "uint16"
        case .dtComplex128: return "complex128"
        case .dtHalf: return "float16"
        case .dtUint32: return "uint32"
        case .dtUint64: return "uint64"
        case .UNRECOGNIZED(let raw): return "type \(raw)"
        }
    }

    private static func string(_ bytes: Data) -> String {
        guard let text = String(data: bytes, encoding: .utf8) else { return "<\(bytes.count) bytes>" }
        return text.count > maxLength ? String(text.prefix(maxLength)) + "…" : text
    }

    private static func items(_ list: TBAttrValue.ListValue) -> [String] {
        list.s.map(string) + list.i.map { "\($0)" } + list.f.map { "\($0)" } + list.b.map { $0 ? "true" : "false" }
            + list.type.map(dataType) + list.shape.map(shape) + list.tensor.map(tensor) + list.func.map(\.name)
    }

    /// `tensor float32 [2] = [0.5, 1.0]`, or without values when they are many or packed.
    private static func tensor(_ tensor: TBTensorProto) -> String {
        let head = "tensor \(dataType(tensor.dtype)) \(shape(tensor.tensorShape))"
        let values: [String] = tensor.floatVal.map { "\($0)" } + tensor.doubleVal.map { "\($0)" }
            + tensor.intVal.map { "\($0)" } + tensor.int64Val.map { "\($0)" } + tensor.boolVal.map { $0 ? "true" : "false" }
            + tensor.stringVal.map(string)
        guard !values.isEmpty, values.count <= maxTensorValues, tensor.tensorContent.isEmpty else { return head }
        return head + " = [" + values.joined(separator: ", ") + "]"
    }
}
