import LumenTensor

/// The base class of every layer and model, as `torch.nn.Module`.
///
/// Subclass it, store layers and tensors in properties, and override ``forward(_:)``. Parameters
/// and child modules are found by reflection over the stored properties, named by their labels,
/// so no registration is needed:
///
/// - a stored `Tensor` that requires grad is a **parameter**; one that does not is a **buffer**
///   (running statistics, for example);
/// - a stored `Module` is a **child**; so is each element of a stored `[Module]` (named
///   `"label.0"`, `"label.1"`, …) and a non-`nil` optional module or tensor;
/// - a stored `[Tensor]` holds parameters or buffers named `"label.0"`, `"label.1"`, ….
///
/// What reflection finds is cached on first use. Declare parameters and children with `let`:
/// tensors are references, so weights change in place (`Tensor.assign(_:)`) without
/// replacing the property. Whether a tensor is a parameter is decided on that first look, so a
/// parameter frozen later (`requiresGrad = false`) stays a parameter.
///
/// Calling a module runs its hooks around ``forward(_:)`` in PyTorch's order (see
/// ``callAsFunction(_:)``).
///
/// ### Example
/// ```swift
/// final class Net: Module {
///     let features = Sequential(Conv2d(1, 4, kernelSize: 3), ReLU(), Flatten())
///     let classifier = Linear(4 * 26 * 26, 10)
///     override func forward(_ x: Tensor) -> Tensor { classifier(features(x)) }
/// }
/// let net = Net()
/// net.namedParameters().map(\.name)   // ["features.0.weight", "features.0.bias", "classifier.weight", "classifier.bias"]
/// ```
open class Module {
    /// Whether the module is in training mode (``train(_:)``) rather than evaluation mode.
    public internal(set) var isTraining = true

    let forwardPreHooks = HookList<ForwardPreHook>()
    let forwardHooks = HookList<ForwardHook>()
    let fullBackwardHooks = HookList<FullBackwardHook>()
    let fullBackwardPreHooks = HookList<FullBackwardPreHook>()
    let legacyBackwardHooks = HookList<FullBackwardHook>()
    private var cachedItems: [ModuleItem]?

    /// A module with no parameters or children of its own.
    public init() {}

    /// The computation of this module; subclasses override it. Call the module itself
    /// (``Module/callAsFunction(_:)``) rather than `forward`, so hooks run.
    ///
    /// ```swift
    /// override func forward(_ x: Tensor) -> Tensor { x.relu() }
    /// ```
    open func forward(_ input: Tensor) -> Tensor {
        fatalError("Module [\(typeName)] is missing the required \"forward\" function")
    }

    /// The type's name, as torch prints a module (`Linear`, `Conv2d`, …).
    ///
    /// ```swift
    /// Linear(2, 3).typeName   // "Linear"
    /// ```
    public var typeName: String { String(describing: type(of: self)) }

    /// The settings torch's `extra_repr` prints inside the parentheses of ``Module/description``
    /// (`"in_features=4, out_features=3, bias=True"`); empty by default. Override it in a layer.
    ///
    /// ```swift
    /// override var extraDescription: String { "scale=\(scale)" }
    /// ```
    open var extraDescription: String { "" }

    // MARK: Reflection

    /// This module's own parameters, buffers and children, in declaration order (cached).
    var items: [ModuleItem] {
        if let cachedItems { return cachedItems }
        let found = reflectItems()
        cachedItems = found
        return found
    }

    /// Forgets what reflection found, for containers whose children change (`append`).
    func invalidateItems() { cachedItems = nil }

    /// Finds the items declared by subclasses: walks the mirrors from the most derived class up
    /// to, but not including, `Module` itself (whose hooks and flags are not model state).
    func reflectItems() -> [ModuleItem] {
        var levels: [Mirror] = []
        var mirror: Mirror? = Mirror(reflecting: self)
        while let current = mirror, current.subjectType != Module.self {
            levels.append(current)
            mirror = current.superclassMirror
        }
        var found: [ModuleItem] = []
        // Base classes first: their properties were declared (and set) first.
        for level in levels.reversed() {
            for child in level.children {
                guard let label = child.label else { continue }
                found += ModuleItem.items(named: Self.propertyName(label), value: child.value)
            }
        }
        return found
    }

    /// The declared name behind a stored property's label: `lazy var x` is stored as
    /// `$__lazy_storage_$_x`, a property wrapper's storage as `_x`.
    static func propertyName(_ label: String) -> String {
        let lazyPrefix = "$__lazy_storage_$_"
        if label.hasPrefix(lazyPrefix) { return String(label.dropFirst(lazyPrefix.count)) }
        return label.hasPrefix("_") ? String(label.dropFirst()) : label
    }

    // MARK: Traversal

    /// The direct children with their names.
    ///
    /// ```swift
    /// net.namedChildren().map(\.name)   // ["features", "classifier"]
    /// ```
    public func namedChildren() -> [(name: String, module: Module)] {
        var seen: Set<ObjectIdentifier> = []
        return items.compactMap { item in
            guard case .module(let name, let module) = item, seen.insert(ObjectIdentifier(module)).inserted else { return nil }
            return (name, module)
        }
    }

    /// The direct children.
    ///
    /// ```swift
    /// for child in net.children() { print(child.typeName) }
    /// ```
    public func children() -> [Module] { namedChildren().map(\.module) }

    /// This module and every module below it, depth first, with dotted paths (`""` for this
    /// module, `"features.0"` for the first layer of `features`). A module reachable twice is
    /// listed once, as in torch.
    ///
    /// ```swift
    /// net.namedModules().map(\.name)   // ["", "features", "features.0", "features.1", "features.2", "classifier"]
    /// ```
    public func namedModules() -> [(name: String, module: Module)] {
        var seen: Set<ObjectIdentifier> = []
        var result: [(name: String, module: Module)] = []
        func visit(_ module: Module, _ path: String) {
            guard seen.insert(ObjectIdentifier(module)).inserted else { return }
            result.append((path, module))
            for (name, child) in module.namedChildren() {
                visit(child, path.isEmpty ? name : path + "." + name)
            }
        }
        visit(self, "")
        return result
    }

    /// This module and every module below it, depth first.
    ///
    /// ```swift
    /// let convolutions = net.modules().compactMap { $0 as? Conv2d }
    /// ```
    public func modules() -> [Module] { namedModules().map(\.module) }

    /// Every parameter of this module and below, with dotted names as torch's
    /// `named_parameters()` (`"features.0.weight"`); a shared parameter is listed once.
    ///
    /// ```swift
    /// for (name, p) in net.namedParameters() { print(name, p.shape) }
    /// ```
    public func namedParameters() -> [(name: String, parameter: Tensor)] {
        namedTensors { item in
            if case .parameter(let name, let tensor) = item { (name, tensor) } else { nil }
        }
    }

    /// Every parameter of this module and below.
    ///
    /// ```swift
    /// let count = net.parameters().map(\.count).reduce(0, +)
    /// ```
    public func parameters() -> [Tensor] { namedParameters().map(\.parameter) }

    /// Every buffer (a stored tensor that does not require grad) of this module and below.
    ///
    /// ```swift
    /// BatchNorm2d(4).namedBuffers().map(\.name)   // ["runningMean", "runningVar", "numBatchesTracked"]
    /// ```
    public func namedBuffers() -> [(name: String, buffer: Tensor)] {
        namedTensors { item in
            if case .buffer(let name, let tensor) = item { (name, tensor) } else { nil }
        }
    }

    /// Every buffer of this module and below.
    ///
    /// ```swift
    /// let statistics = model.buffers()
    /// ```
    public func buffers() -> [Tensor] { namedBuffers().map(\.buffer) }

    private func namedTensors(_ select: (ModuleItem) -> (String, Tensor)?) -> [(String, Tensor)] {
        var seen: Set<ObjectIdentifier> = []
        var result: [(String, Tensor)] = []
        for (path, module) in namedModules() {
            for item in module.items {
                guard let (name, tensor) = select(item), seen.insert(ObjectIdentifier(tensor)).inserted else { continue }
                result.append((path.isEmpty ? name : path + "." + name, tensor))
            }
        }
        return result
    }

    /// The module at a dotted path (torch's `get_submodule`): `""` is this module,
    /// `"features.0"` the first layer of `features`; `nil` when there is none.
    ///
    /// ```swift
    /// let conv = net.module(at: "features.0") as? Conv2d
    /// ```
    public func module(at path: String) -> Module? {
        var current: Module = self
        for name in path.split(separator: ".", omittingEmptySubsequences: true) {
            guard let next = current.namedChildren().first(where: { $0.name == name })?.module else { return nil }
            current = next
        }
        return current
    }

    /// The parameters that currently require grad (those an optimizer should update).
    ///
    /// ```swift
    /// model.features.freeze()
    /// let trainable = model.trainableParameters()   // the classifier's only
    /// ```
    public func trainableParameters() -> [Tensor] { parameters().filter(\.requiresGrad) }

    /// Stops gradients for every parameter of this module and below (`requiresGrad = false`);
    /// they stay parameters.
    ///
    /// ```swift
    /// backbone.freeze()
    /// ```
    public func freeze() {
        for parameter in parameters() { parameter.requiresGrad = false }
    }

    /// Lets gradients flow again to every parameter of this module and below.
    ///
    /// ```swift
    /// backbone.unfreeze()
    /// ```
    public func unfreeze() {
        for parameter in parameters() { parameter.requiresGrad = true }
    }

    // MARK: Modes and gradients

    /// Puts this module and every module below it in training mode (`true`) or evaluation mode.
    ///
    /// ```swift
    /// model.train()
    /// ```
    @discardableResult
    public func train(_ mode: Bool = true) -> Self {
        for module in modules() { module.isTraining = mode }
        return self
    }

    /// Puts this module and every module below it in evaluation mode (`train(false)`).
    ///
    /// ```swift
    /// model.eval()
    /// ```
    @discardableResult
    public func eval() -> Self { train(false) }

    /// Runs `body` with this module and every module below it in evaluation mode, then gives
    /// each module its own mode back (what tracing and summaries need to leave no trace).
    func inEvaluationMode<Result>(_ body: () throws -> Result) rethrows -> Result {
        let modes = modules().map { ($0, $0.isTraining) }
        defer { for (module, mode) in modes { module.isTraining = mode } }
        eval()
        return try body()
    }

    /// Clears the gradient of every parameter (sets `grad` to `nil`, torch's default).
    ///
    /// ```swift
    /// model.zeroGrad()
    /// ```
    public func zeroGrad() {
        for parameter in parameters() { parameter.grad = nil }
    }

    /// Calls `body` on every module below this one and then on this one (children first, as
    /// torch's `apply`).
    ///
    /// ```swift
    /// model.apply { m in if let linear = m as? Linear { linear.weight.assign(.zeros(linear.weight.shape)) } }
    /// ```
    @discardableResult
    public func apply(_ body: (Module) -> Void) -> Self {
        for child in children() { child.apply(body) }
        body(self)
        return self
    }
}

/// One thing a module stores: a parameter, a buffer or a child module.
enum ModuleItem {
    case parameter(String, Tensor)
    case buffer(String, Tensor)
    case module(String, Module)

    /// The items a stored property holds: a tensor, a module, an optional one, or an array of
    /// them (elements named by index).
    static func items(named name: String, value: Any) -> [ModuleItem] {
        switch value {
        case let tensor as Tensor:
            return [tensor.requiresGrad ? .parameter(name, tensor) : .buffer(name, tensor)]
        case let module as Module:
            return [.module(name, module)]
        case let tensors as [Tensor]:
            return tensors.enumerated().flatMap { items(named: "\(name).\($0.offset)", value: $0.element) }
        case let modules as [Module]:
            return modules.enumerated().map { .module("\(name).\($0.offset)", $0.element) }
        default:
            let mirror = Mirror(reflecting: value)
            if mirror.displayStyle == .optional, let wrapped = mirror.children.first {
                return items(named: name, value: wrapped.value)
            }
            return []
        }
    }
}
