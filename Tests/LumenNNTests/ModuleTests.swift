import LumenNN
import Testing

/// torch's nesting for names: a parent with a `Sequential` and a plain child.
final class Classifier: Module {
    let features = Sequential(Conv2d(1, 2, 3), ReLU(), Flatten())
    let head = Linear(8, 3)
    let scale = Tensor([2])              // a buffer: does not require grad
    let temperature = Tensor(1, requiresGrad: true)

    override func forward(_ x: Tensor) -> Tensor { head(features(x)) * scale * temperature }
}

@Suite("Module: parameters and children found by reflection")
struct ModuleTests {
    @Test("named parameters use torch's dotted names: own first, then children in declaration order")
    func namedParameters() {
        let model = Classifier()
        #expect(model.namedParameters().map(\.name) == [
            "temperature", "features.0.weight", "features.0.bias", "head.weight", "head.bias",
        ])
        #expect(model.parameters().map(\.shape) == [[], [2, 1, 3, 3], [2], [3, 8], [3]])
        #expect(model.namedBuffers().map(\.name) == ["scale"])
    }

    @Test("named modules are listed depth first with dotted paths, \"\" for the root")
    func namedModules() {
        let model = Classifier()
        #expect(model.namedModules().map(\.name) == ["", "features", "features.0", "features.1", "features.2", "head"])
        #expect(model.namedModules().map(\.module.typeName) == ["Classifier", "Sequential", "Conv2d", "ReLU", "Flatten", "Linear"])
        #expect(model.namedChildren().map(\.name) == ["features", "head"])
        #expect(model.children().count == 2)
    }

    @Test("module(at:) finds a submodule by its dotted path, as get_submodule")
    func moduleAtPath() {
        let model = Classifier()
        #expect(model.module(at: "") === model)
        #expect(model.module(at: "features.0") === model.features[0])
        #expect(model.module(at: "head") === model.head)
        #expect(model.module(at: "features.7") == nil)
        #expect(model.module(at: "nothing") == nil)
    }

    @Test("a module shared by two parents, and its parameters, are listed once")
    func sharedModules() {
        let shared = Linear(2, 2)
        let model = Sequential(shared, ReLU(), shared)
        #expect(model.namedModules().map(\.name) == ["", "0", "1"])
        #expect(model.namedParameters().map(\.name) == ["0.weight", "0.bias"])
    }

    @Test("arrays of modules and optional tensors are found; nil ones are skipped")
    func arraysAndOptionals() {
        final class Tower: Module {
            let blocks: [Module] = [Linear(2, 2), Linear(2, 2, bias: false)]
            let gate: Tensor? = nil
            let offsets: [Tensor] = [Tensor([0], requiresGrad: true)]
            let heads = [Linear(2, 1, bias: false)]
            override func forward(_ x: Tensor) -> Tensor { x }
        }
        #expect(Tower().namedParameters().map(\.name) == [
            "offsets.0", "blocks.0.weight", "blocks.0.bias", "blocks.1.weight", "heads.0.weight",
        ])
    }

    @Test("ModuleList and Sequential name their children 0, 1, … and see appended ones")
    func containers() {
        let list = ModuleList([Linear(1, 1)])
        #expect(list.namedParameters().map(\.name) == ["0.weight", "0.bias"])
        list.append(Linear(1, 1, bias: false))
        #expect(list.namedParameters().map(\.name) == ["0.weight", "0.bias", "1.weight"])
        #expect(list.count == 2)
        let sequence = Sequential(ReLU())
        sequence.append(Linear(2, 1))
        #expect(sequence.namedParameters().map(\.name) == ["1.weight", "1.bias"])
        #expect(sequence(Tensor([[-1, 1]])).shape == [1, 1])
    }

    @Test("train() and eval() set the mode of every module below")
    func trainEval() {
        let model = Classifier()
        #expect(model.isTraining && model.features[1].isTraining)
        model.eval()
        #expect(model.modules().allSatisfy { !$0.isTraining })
        model.features.train()
        #expect(!model.isTraining && model.features[0].isTraining && !model.head.isTraining)
        model.train()
        #expect(model.modules().allSatisfy { $0.isTraining })
    }

    @Test("zeroGrad() clears every parameter's gradient, as set_to_none")
    func zeroGrad() throws {
        let model = Classifier()
        try model(Tensor.randn([2, 1, 4, 4])).sum().backward()
        #expect(model.parameters().allSatisfy { $0.grad != nil })
        model.zeroGrad()
        #expect(model.parameters().allSatisfy { $0.grad == nil })
    }

    @Test("apply visits children before their parent, as torch's apply")
    func applyOrder() {
        let model = Classifier()
        var visited: [String] = []
        model.apply { visited.append($0.typeName) }
        #expect(visited == ["Conv2d", "ReLU", "Flatten", "Sequential", "Linear", "Classifier"])
    }

    @Test("the default initialization stays within ±1/√fanIn, torch's reset_parameters bound")
    func defaultInitialization() {
        let conv = Conv2d(3, 8, kernelSize: [3, 5])
        let bound = 1 / Float(3 * 3 * 5).squareRoot()
        #expect(conv.weight.scalars.allSatisfy { abs($0) <= bound })
        #expect(conv.bias!.scalars.allSatisfy { abs($0) <= bound })
        #expect(conv.weight.scalars.contains { abs($0) > bound / 2 }, "values spread over the interval")
        let fc = Linear(100, 4)
        #expect(fc.weight.scalars.allSatisfy { abs($0) <= 0.1 })
        #expect(fc.weight.requiresGrad && fc.weight.isLeaf && fc.bias!.requiresGrad)
    }

    @Test("freeze() stops gradients but keeps the parameters; trainableParameters() leaves them out")
    func freeze() throws {
        let model = Classifier()
        model.features.freeze()
        #expect(model.parameters().count == 5)
        #expect(model.trainableParameters().count == 3)
        try model(Tensor.randn([1, 1, 4, 4])).sum().backward()
        #expect(model.features[0].parameters().allSatisfy { $0.grad == nil })
        #expect(model.head.weight.grad != nil)
        model.features.unfreeze()
        #expect(model.trainableParameters().count == 5)
    }
}
