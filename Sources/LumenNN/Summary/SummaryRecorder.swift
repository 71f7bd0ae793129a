import LumenTensor

/// Where a module sits below the summarized model: its depth (the model is 0) and its parent's
/// placement. A module reachable along several paths keeps the last one a depth-first walk
/// meets, as torchinfo registers its hooks.
final class ModulePlacement {
    let module: Module
    let depth: Int
    let parent: ModulePlacement?

    init(module: Module, depth: Int, parent: ModulePlacement?) {
        self.module = module
        self.depth = depth
        self.parent = parent
    }
}

/// One call of a module during the summary's forward pass, with the shapes its forward hook saw.
final class ModuleCall {
    let module: Module
    let placement: ModulePlacement
    var inputShape: [Int] = []
    var outputShape: [Int] = []

    init(module: Module, placement: ModulePlacement) {
        self.module = module
        self.placement = placement
    }
}

/// Hooks every module of a model for one forward pass: a forward-pre hook notes each call as it
/// starts, a forward hook records its shapes as it ends. ``removeHooks()`` takes them all off.
final class SummaryRecorder {
    /// The calls in the order they started (forward-pre hooks), the order torchinfo lists them.
    private(set) var started: [ModuleCall] = []
    /// The calls in the order they ended (forward hooks), the order torchsummary lists them.
    private(set) var finished: [ModuleCall] = []
    private var handles: [RemovableHandle] = []
    /// The call each module's forward hook completes: that module's latest.
    private var openCalls: [ObjectIdentifier: ModuleCall] = [:]

    init(model: Module) {
        for placement in Self.placements(of: model) {
            let module = placement.module
            let id = ObjectIdentifier(module)
            handles.append(module.registerForwardPreHook { [unowned self] (module: Module, _: [Tensor]) -> Void in
                let call = ModuleCall(module: module, placement: placement)
                started.append(call)
                openCalls[id] = call
            })
            handles.append(module.registerForwardHook { [unowned self] (_: Module, input: [Tensor], output: Tensor) -> Void in
                guard let call = openCalls[id] else { return }
                call.inputShape = input.first?.shape ?? []
                call.outputShape = output.shape
                finished.append(call)
            })
        }
    }

    func removeHooks() {
        for handle in handles { handle.remove() }
        handles = []
    }

    /// Every module below `model` (and the model) once, placed where a depth-first walk over the
    /// children last meets it.
    static func placements(of model: Module) -> [ModulePlacement] {
        var latest: [ObjectIdentifier: ModulePlacement] = [:]
        var order: [ObjectIdentifier] = []
        var stack = [ModulePlacement(module: model, depth: 0, parent: nil)]
        while let placement = stack.popLast() {
            let id = ObjectIdentifier(placement.module)
            if latest.updateValue(placement, forKey: id) == nil { order.append(id) }
            stack += placement.module.children().reversed().map {
                ModulePlacement(module: $0, depth: placement.depth + 1, parent: placement)
            }
        }
        return order.map { latest[$0]! }
    }
}
