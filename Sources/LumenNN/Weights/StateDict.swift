import LumenTensor

/// Named tensors in a fixed order, as the `OrderedDict` torch's `state_dict()` returns: what
/// ``Module/stateDict()`` gives, ``Module/loadStateDict(_:strict:)`` takes, and safetensors
/// files hold.
///
/// ### Example
/// ```swift
/// var weights = model.stateDict()
/// weights["fc.bias"] = Tensor.zeros([10])
/// for (key, tensor) in weights { print(key, tensor.shape) }
/// ```
public struct StateDict: Sequence, ExpressibleByDictionaryLiteral {
    /// The keys, in insertion order.
    public private(set) var keys: [String] = []
    private var tensors: [String: Tensor] = [:]

    /// An empty state dict.
    ///
    /// ```swift
    /// var weights = StateDict()
    /// ```
    public init() {}

    /// A state dict of the given entries, in order; a repeated key keeps its first position
    /// and its last tensor.
    ///
    /// ```swift
    /// let weights = StateDict([("weight", w), ("bias", b)])
    /// ```
    public init(_ entries: [(key: String, tensor: Tensor)]) {
        for (key, tensor) in entries { self[key] = tensor }
    }

    /// A state dict written as a literal (`["weight": w, "bias": b]`), in the literal's order.
    public init(dictionaryLiteral elements: (String, Tensor)...) {
        self.init(elements.map { (key: $0.0, tensor: $0.1) })
    }

    /// The tensor stored under `key`; setting a new key appends it, setting `nil` removes it.
    ///
    /// ```swift
    /// let bias = weights["fc.bias"]
    /// ```
    public subscript(key: String) -> Tensor? {
        get { tensors[key] }
        set {
            if let newValue {
                if tensors.updateValue(newValue, forKey: key) == nil { keys.append(key) }
            } else if tensors.removeValue(forKey: key) != nil {
                keys.removeAll { $0 == key }
            }
        }
    }

    /// The number of entries.
    public var count: Int { keys.count }

    /// Iterates over `(key, tensor)` pairs in order.
    public func makeIterator() -> some IteratorProtocol<(key: String, tensor: Tensor)> {
        keys.lazy.map { (key: $0, tensor: tensors[$0]!) }.makeIterator()
    }
}
