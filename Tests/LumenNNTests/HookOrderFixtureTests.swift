import Foundation
import LumenNN
import Testing

/// Tests/LumenNNTests/Fixtures/hooks.json, written by Scripts/make_nn_fixtures.py with torch.
struct HookFixture: Decodable {
    struct TensorData: Decodable {
        let shape: [Int]
        let data: [Float]
        var tensor: Tensor { Tensor(data, shape: shape) }
    }

    struct Scenario: Decodable {
        let inputRequiresGrad: Bool
        let events: [String]
        let output: TensorData
        let inputGrad: TensorData?
        let grads: [String: TensorData]
    }

    let weights: [String: TensorData]
    let input: TensorData
    let upstream: TensorData
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
        expectClose(output, scenario.output)
        if let expected = scenario.inputGrad {
            let grad = try #require(x.grad)
            expectClose(grad, expected)
        } else {
            #expect(x.grad == nil)
        }
        for (name, parameter) in model.namedParameters() {
            expectClose(try #require(parameter.grad), try #require(scenario.grads[name]))
        }
    }

    private func expectClose(_ actual: Tensor, _ expected: HookFixture.TensorData, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(actual.shape == expected.shape, sourceLocation: sourceLocation)
        let worst = zip(actual.scalars, expected.data).map { abs($0 - $1) / max(1, abs($1)) }.max() ?? 0
        #expect(worst <= 1e-5, "largest relative difference \(worst)", sourceLocation: sourceLocation)
    }
}
