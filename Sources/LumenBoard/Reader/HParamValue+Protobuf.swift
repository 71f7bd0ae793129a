import SwiftProtobuf

extension HParamValue {
    /// The value a `google.protobuf.Value` holds, as the hparams plugin records it; nil for a
    /// null, list or struct, which no hyper-parameter can be.
    public init?(_ value: Google_Protobuf_Value) {
        switch value.kind {
        case .numberValue(let number): self = .number(number)
        case .stringValue(let text): self = .string(text)
        case .boolValue(let flag): self = .bool(flag)
        default: return nil
        }
    }
}
