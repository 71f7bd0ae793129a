import Foundation
import LumenNN
import LumenTensorTestSupport
import LumenTestSupport
import Testing

/// Tests/LumenNNTests/Fixtures/hooks.json, written by Scripts/make_nn_fixtures.py with torch.
struct HookFixture: Decodable {
    struct Scenario: Decodable {
        let inputRequiresGrad: Bool
        let events: [String]
        let output: FixtureTensor
        let inputGrad: FixtureTensor?
        let grads: [String: FixtureTensor]
    }

    let weights: [String: FixtureTensor]
    let input: FixtureTensor
    let upstream: FixtureTensor
    let scenarios: [Scenario]

    static func load() throws -> HookFixture {
        let url = try #require(Bundle.module.url(forResource: "Fixtures/hooks", withExtension: "json"))
        return try JSONDecoder().decode(HookFixture.self, from: Data(contentsOf: url))
    }
}

/// The fixture's network: conv → relu → flatten → fc inside a parent.
final class FixtureNet: Module {
    let conv = Conv2d(1, 2, 3)
    let relu = ReLU()
    let flatten = Flatten()
    let fc = Linear(8, 3)

    override func forward(_ x: Tensor) -> Tensor { fc(flatten(relu(conv(x)))) }
}

/// Records every hook call on `model` as one line in the fixture's format.
func recordHooks(on model: Module, into log: Log) -> [RemovableHandle] {
    var names: [ObjectIdentifier: String] = [:]
    for (name, module) in model.namedModules() { names[ObjectIdentifier(module)] = name }
    func shapes(_ tensors: [Tensor?]) -> String {
        "[" + tensors.map { $0.map { "\($0.shape)" } ?? "nil" }.joined(separator: ", ") + "]"
    }
    // Global hooks see every module, also those of tests running alongside: keep ours only.
    func ours(_ module: Module) -> String? { names[ObjectIdentifier(module)] }
    var handles: [RemovableHandle] = []
    handles.append(registerModuleForwardPreHook { module, input in
        if let name = ours(module) { log.entries.append("global forwardPre \(name) input=\(shapes(input))") }
        return nil
    })
    handles.append(registerModuleForwardHook { module, input, output in
        if let name = ours(module) { log.entries.append("global forward \(name) input=\(shapes(input)) output=\(output.shape)") }
        return nil
    })
    handles.append(registerModuleFullBackwardPreHook { module, gradOutput in
        if let name = ours(module) { log.entries.append("global backwardPre \(name) gradOutput=\(shapes(gradOutput))") }
        return nil
    })
    handles.append(registerModuleFullBackwardHook { module, gradInput, gradOutput in
        if let name = ours(module) {
            log.entries.append("global backward \(name) gradInput=\(shapes(gradInput)) gradOutput=\(shapes(gradOutput))")
        }
        return nil
    })
    for (name, module) in model.namedModules() {
        module.registerForwardPreHook { _, input in log.entries.append("forwardPre \(name) input=\(shapes(input))") }
        module.registerForwardHook { _, input, output in
            log.entries.append("forward \(name) input=\(shapes(input)) output=\(output.shape)")
        }
        module.registerFullBackwardPreHook { _, gradOutput in log.entries.append("backwardPre \(name) gradOutput=\(shapes(gradOutput))") }
        module.registerFullBackwardHook { _, gradInput, gradOutput in
            log.entries.append("backward \(name) gradInput=\(shapes(gradInput)) gradOutput=\(shapes(gradOutput))")
        }
    }
    return handles
}

@Suite("Module hooks fire in torch's order with torch's gradients (Scripts/make_nn_fixtures.py)")
struct HookOrderFixtureTests {
    @Test("forward-pre, forward, backward-pre and full backward hooks, global and per module, match torch",
          arguments: [true, false])
    func replay(inputRequiresGrad: Bool) throws {
        let fixture = try HookFixture.load()
        let scenario = try #require(fixture.scenarios.first { $0.inputRequiresGrad == inputRequiresGrad })
        let model = FixtureNet()
        withNoGrad {
            for (name, parameter) in model.namedParameters() { parameter.assign(fixture.weights[name]!.tensor) }
        }
        let log = Log()
        let handles = recordHooks(on: model, into: log)
        defer { handles.forEach { $0.remove() } }

        let x = fixture.input.tensor
        x.requiresGrad = inputRequiresGrad
        let output = model(x)
        try (output * fixture.upstream.tensor).sum().backward()

        #expect(log.entries == scenario.events)
        #expect(maxRelativeDifference(output, scenario.output) <= 1e-5)
        if let expected = scenario.inputGrad {
            let grad = try #require(x.grad)
            #expect(maxRelativeDifference(grad, expected) <= 1e-5)
        } else {
            #expect(x.grad == nil)
        }
        for (name, parameter) in model.namedParameters() {
            #expect(maxRelativeDifference(try #require(parameter.grad), try #require(scenario.grads[name])) <= 1e-5)
        }
    }

}
