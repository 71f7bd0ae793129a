/// The one rule for a scalar held in a tensor, shared by the loader's wire scan
/// (``ScalarScan``) and the message decoder (``SummaryDecoding``): as TensorBoard's
/// `tensor_proto_to_scalar` (rustboard's `data_compat.rs`), the tensor must be rank 0 and hold
/// exactly one number — the only entry of the value list of its dtype, or else `tensor_content`
/// of exactly one element. Lumen reads float, double, int32 and int64 tensors this way.
struct ScalarTensor {
    /// How many entries a repeated field held, and the first of them.
    struct Entries<Number> {
        var count = 0
        var first: Number?

        mutating func add(_ number: Number) {
            if count == 0 { first = number }
            count += 1
        }
    }

    var dtype = 0
    var rank = 0
    var floatVal = Entries<Float>()
    var doubleVal = Entries<Double>()
    var intVal = Entries<Int32>()
    var int64Val = Entries<Int64>()

    /// The single number, with `tensorContent` the tensor's `tensor_content` bytes; nil when
    /// the tensor is not a rank-0 number of those dtypes.
    func value(tensorContent content: UnsafeRawBufferPointer) -> Double? {
        guard rank == 0 else { return nil }
        switch dtype {
        case 1: return Self.only(floatVal, content).map { Double($0) }   // DT_FLOAT
        case 2: return Self.only(doubleVal, content)                     // DT_DOUBLE
        case 3: return Self.only(intVal, content).map { Double($0) }     // DT_INT32
        case 9: return Self.only(int64Val, content).map { Double($0) }   // DT_INT64
        default: return nil
        }
    }

    private static func only<Number>(_ entries: Entries<Number>, _ content: UnsafeRawBufferPointer) -> Number? {
        if entries.count > 0 { return entries.count == 1 ? entries.first : nil }
        guard content.count == MemoryLayout<Number>.size else { return nil }
        return content.loadUnaligned(as: Number.self)
    }
}

extension ScalarTensor {
    /// The rule's inputs from a decoded `TensorProto`.
    init(_ tensor: TBTensorProto) {
        dtype = tensor.dtype.rawValue
        rank = tensor.tensorShape.dim.count
        floatVal = Entries(count: tensor.floatVal.count, first: tensor.floatVal.first)
        doubleVal = Entries(count: tensor.doubleVal.count, first: tensor.doubleVal.first)
        intVal = Entries(count: tensor.intVal.count, first: tensor.intVal.first)
        int64Val = Entries(count: tensor.int64Val.count, first: tensor.int64Val.first)
    }

    /// The scalar of a decoded `TensorProto`, by the rule above.
    static func value(of tensor: TBTensorProto) -> Double? {
        tensor.tensorContent.withUnsafeBytes { ScalarTensor(tensor).value(tensorContent: $0) }
    }
}
