import Foundation
import LumenNN
import LumenTensorTestSupport
import LumenTestSupport
import Testing

/// Tests/LumenNNTests/Fixtures/more_hooks.json (Scripts/make_nn_fixtures.py): legacy backward
/// hooks and loss modules.
struct MoreHooksFixture: Decodable {
    struct LegacyScenario: Decodable {
        let inputRequiresGrad: Bool
        let events: [String]
        let inputGrad: FixtureTensor?
        let grads: [String: FixtureTensor]
    }
    struct LossCase: Decodable {
        let name: String
        let description: String
        let input: FixtureTensor
        let target: FixtureTensor
        let output: FixtureTensor
        let inputGrad: FixtureTensor
        let targetGrad: FixtureTensor?
        let events: [String]
    }
    let legacy: [LegacyScenario]
    let losses: [LossCase]
    /// The hooks run in two calls when a pre-hook changes the forward hooks (see the script).
    let hookListTiming: [String]
    /// The order torch's engine runs hooks in (see the script's `backward_order`).
    let backwardOrder: BackwardOrder
    struct BackwardOrder: Decodable {
        let branches: [String]
        let tensors: [String]
    }

    static func load() throws -> MoreHooksFixture {
        let url = try #require(Bundle.module.url(forResource: "Fixtures/more_hooks", withExtension: "json"))
        return try JSONDecoder().decode(MoreHooksFixture.self, from: Data(contentsOf: url))
    }
}

private func shapes(_ tensors: [Tensor?]) -> String {
    "[" + tensors.map { $0.map { "\($0.shape)" } ?? "nil" }.joined(separator: ", ") + "]"
}

@Suite("Legacy backward hooks and loss modules match torch (Scripts/make_nn_fixtures.py)")
struct MoreHooksFixtureTests {
    @Test("backward runs ready nodes in torch's order: the later branch first, leaves before other nodes")
    func backwardOrder() throws {
        let fixture = try MoreHooksFixture.load()
        final class Branches: Module {
            let left = Linear(2, 2)
            let right = Linear(2, 2)
            let head = Linear(2, 1)
            override func forward(_ x: Tensor) -> Tensor { head(left(x) + right(x)) }
        }
        let log = Log()
        let model = Branches()
        for (name, module) in model.namedChildren() {
            module.registerFullBackwardHook { _, _, _ in log.entries.append(name) }
        }
        try model(Tensor.ones([1, 2], requiresGrad: true)).sum().backward()
        #expect(log.entries == fixture.backwardOrder.branches)

        let tensors = Log()
        let a = Tensor.ones([2, 3], requiresGrad: true), w = Tensor.ones([3, 2], requiresGrad: true)
        let x = a * 2
        x.registerHook { _ in tensors.entries.append("x") }
        let h = x.matmul(w)
        h.registerHook { _ in tensors.entries.append("h") }
        w.registerPostAccumulateGradHook { _ in tensors.entries.append("w post") }
        a.registerPostAccumulateGradHook { _ in tensors.entries.append("a post") }
        try (h.sum() + x.sum()).backward()
        #expect(tensors.entries == fixture.backwardOrder.tensors)
    }

    @Test("forward hooks are read after forward returns: a pre-hook's removal and additions count in the same call")
    func hookListTiming() throws {
        let fixture = try MoreHooksFixture.load()
        let log = Log()
        let layer = Linear(2, 2)
        layer.registerForwardHook { _, _, _ in log.entries.append("A") }
        let b = layer.registerForwardHook { _, _, _ in log.entries.append("B") }
        var handles: [RemovableHandle] = []
        layer.registerForwardPreHook { _, _ in
            log.entries.append("pre")
            guard handles.isEmpty else { return }
            b.remove()
            handles.append(layer.registerForwardHook { _, _, _ in log.entries.append("C") })
            handles.append(registerModuleForwardHook { module, _, _ in
                if module === layer { log.entries.append("G") }
                return nil
            })
        }
        let x = Tensor.zeros([1, 2])
        _ = layer(x)
        log.entries.append("|")
        _ = layer(x)
        handles[1].remove()
        #expect(log.entries == fixture.hookListTiming)
    }

    @Test("registerBackwardHook sees the last op's gradients, and a replacement flows on", arguments: [true, false])
    func legacy(inputRequiresGrad: Bool) throws {
        let fixture = try MoreHooksFixture.load()
        let scenario = try #require(fixture.legacy.first { $0.inputRequiresGrad == inputRequiresGrad })
        let hookFixture = try HookFixture.load()
        let model = FixtureNet()
        withNoGrad {
            for (name, parameter) in model.namedParameters() { parameter.assign(hookFixture.weights[name]!.tensor) }
        }
        let log = Log()
        for (name, module) in [("conv", model.conv), ("relu", model.relu), ("flatten", model.flatten)] as [(String, Module)] {
            module.registerBackwardHook { _, gradInput, gradOutput in
                log.entries.append("legacy \(name) gradInput=\(shapes(gradInput)) gradOutput=\(shapes(gradOutput))")
                return name == "relu" ? gradInput.map { $0.map { $0 * 2 } } : nil
            }
        }
        let x = hookFixture.input.tensor
        x.requiresGrad = inputRequiresGrad
        try (model(x) * hookFixture.upstream.tensor).sum().backward()

        #expect(log.entries == scenario.events)
        if let expected = scenario.inputGrad {
            #expect(maxRelativeDifference(try #require(x.grad), expected) <= 1e-5)
        }
        for (name, parameter) in model.namedParameters() {
            #expect(maxRelativeDifference(try #require(parameter.grad), try #require(scenario.grads[name])) <= 1e-5, "\(name)")
        }
    }

    @Test("loss modules: outputs, gradients and what full backward hooks see", arguments: try MoreHooksFixture.load().losses.map(\.name))
    func loss(name: String) throws {
        let fixture = try #require(try MoreHooksFixture.load().losses.first { $0.name == name })
        let loss = Self.loss(name)
        #expect(loss.description == fixture.description)
        let log = Log()
        loss.registerFullBackwardHook { _, gradInput, gradOutput in
            log.entries.append("backward gradInput=\(shapes(gradInput)) gradOutput=\(shapes(gradOutput))")
        }
        let input = fixture.input.tensor, target = fixture.target.tensor
        input.requiresGrad = true
        target.requiresGrad = fixture.targetGrad != nil
        let output = loss(input, target)
        try (output.sum() * 1.5).backward()
        #expect(maxRelativeDifference(output, fixture.output) <= 1e-5)
        #expect(maxRelativeDifference(try #require(input.grad), fixture.inputGrad) <= 1e-5)
        if let expected = fixture.targetGrad {
            #expect(maxRelativeDifference(try #require(target.grad), expected) <= 1e-5)
        }
        #expect(log.entries == fixture.events)
    }

    static func loss(_ name: String) -> Loss {
        switch name {
        case "CrossEntropyLoss()": CrossEntropyLoss()
        case "CrossEntropyLoss(ignoreIndex: 0, labelSmoothing: 0.1)": CrossEntropyLoss(ignoreIndex: 0, labelSmoothing: 0.1)
        case "CrossEntropyLoss(reduction: .sum)": CrossEntropyLoss(reduction: .sum)
        case "NLLLoss()": NLLLoss()
        case "NLLLoss(reduction: .none)": NLLLoss(reduction: .none)
        case "MSELoss()": MSELoss()
        case "MSELoss(reduction: .sum)": MSELoss(reduction: .sum)
        case "BCEWithLogitsLoss()": BCEWithLogitsLoss()
        default: fatalError("no Lumen loss for fixture case \(name)")
        }
    }

}
