import SwiftProtobuf

/// The value of one hyper-parameter: a string, a Boolean or a number, the types PyTorch's
/// `add_hparams` accepts (an integer is a number). Literals convert on their own:
///
/// ```swift
/// let hparams: [String: HParamValue] = ["lr": 0.01, "batch": 64, "optimizer": "adam", "bn": true]
/// ```
public enum HParamValue: Sendable, Hashable, CustomStringConvertible {
    case string(String)
    case bool(Bool)
    case number(Double)

    public var description: String {
        switch self {
        case .string(let text): "\"\(text)\""
        case .bool(let flag): "\(flag)"
        case .number(let number): "\(number)"
        }
    }

    /// The name of the value's type, for messages.
    var typeName: String {
        switch self {
        case .string: "string"
        case .bool: "bool"
        case .number: "number"
        }
    }

    /// The hparams plugin's type for this value. With `boolsAsNumbers` a Boolean is a number, as
    /// PyTorch writes it (Python's `bool` is an `int`, which `add_hparams` tests for first).
    func dataType(boolsAsNumbers: Bool) -> TBHParamsDataType {
        switch self {
        case .string: .string
        case .bool: boolsAsNumbers ? .float64 : .bool
        case .number: .float64
        }
    }

    /// The value as a `google.protobuf.Value`; a Boolean becomes 1 or 0 with `boolsAsNumbers`.
    func protobufValue(boolsAsNumbers: Bool) -> Google_Protobuf_Value {
        var value = Google_Protobuf_Value()
        switch self {
        case .string(let text): value.stringValue = text
        case .bool(let flag) where boolsAsNumbers: value.numberValue = flag ? 1 : 0
        case .bool(let flag): value.boolValue = flag
        case .number(let number): value.numberValue = number
        }
        return value
    }
}

extension HParamValue: ExpressibleByStringLiteral, ExpressibleByBooleanLiteral, ExpressibleByFloatLiteral,
    ExpressibleByIntegerLiteral
{
    public init(stringLiteral value: String) { self = .string(value) }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(floatLiteral value: Double) { self = .number(value) }
    public init(integerLiteral value: Int) { self = .number(Double(value)) }
}
