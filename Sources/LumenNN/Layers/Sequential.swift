import LumenTensor

/// Runs its layers one after another, as `torch.nn.Sequential`; the layers are its children
/// `"0"`, `"1"`, …, so a parameter of the first one is `"0.weight"`.
///
/// ### Example
/// ```swift
/// let features = Sequential(Conv2d(1, 2, 3), ReLU(), MaxPool2d(2))
/// features.namedParameters().map(\.name)   // ["0.weight", "0.bias"]
/// features[0]                              // the Conv2d
/// ```
public final class Sequential: Module {
    /// The layers, in order.
    public private(set) var layers: [Module]

    /// A sequence of the given layers.
    ///
    /// ```swift
    /// let mlp = Sequential(Linear(4, 8), ReLU(), Linear(8, 2))
    /// ```
    public init(_ layers: Module...) {
        self.layers = layers
        super.init()
    }

    /// A sequence of the layers in an array.
    ///
    /// ```swift
    /// let blocks = Sequential((0..<3).map { _ in Linear(4, 4) })
    /// ```
    public init(_ layers: [Module]) {
        self.layers = layers
        super.init()
    }

    /// The layer at `index`.
    ///
    /// ```swift
    /// let first = features[0]
    /// ```
    public subscript(index: Int) -> Module { layers[index] }

    /// The number of layers.
    ///
    /// ```swift
    /// Sequential(ReLU(), ReLU()).count   // 2
    /// ```
    public var count: Int { layers.count }

    /// Adds a layer at the end.
    ///
    /// ```swift
    /// features.append(Flatten())
    /// ```
    public func append(_ layer: Module) {
        layers.append(layer)
        invalidateItems()
    }

    override func reflectItems() -> [ModuleItem] {
        layers.enumerated().map { .module(String($0.offset), $0.element) }
    }

    public override func forward(_ input: Tensor) -> Tensor {
        layers.reduce(input) { x, layer in layer(x) }
    }
}

/// Holds modules in a list and registers them as children `"0"`, `"1"`, …, as
/// `torch.nn.ModuleList`; it has no forward of its own.
///
/// ### Example
/// ```swift
/// final class Tower: Module {
///     let blocks = ModuleList((0..<3).map { _ in Linear(8, 8) })
///     override func forward(_ x: Tensor) -> Tensor { blocks.reduce(x) { $1($0) } }
/// }
/// ```
public final class ModuleList: Module, Sequence {
    /// The modules, in order.
    public private(set) var elements: [Module]

    /// A list of the given modules.
    ///
    /// ```swift
    /// let heads = ModuleList([Linear(8, 2), Linear(8, 3)])
    /// ```
    public init(_ modules: [Module] = []) {
        self.elements = modules
        super.init()
    }

    /// The module at `index`.
    ///
    /// ```swift
    /// let first = heads[0]
    /// ```
    public subscript(index: Int) -> Module { elements[index] }

    /// The number of modules.
    ///
    /// ```swift
    /// heads.count   // 2
    /// ```
    public var count: Int { elements.count }

    /// Adds a module at the end.
    ///
    /// ```swift
    /// heads.append(Linear(8, 4))
    /// ```
    public func append(_ module: Module) {
        elements.append(module)
        invalidateItems()
    }

    /// Iterates over the modules.
    ///
    /// ```swift
    /// for head in heads { print(head.typeName) }
    /// ```
    public func makeIterator() -> IndexingIterator<[Module]> { elements.makeIterator() }

    override func reflectItems() -> [ModuleItem] {
        elements.enumerated().map { .module(String($0.offset), $0.element) }
    }
}
