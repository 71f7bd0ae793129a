import LumenNN
import Testing

/// `y = 3x`, with no parameters: the gradients hooks see are easy to state.
final class Triple: Module {
    override func forward(_ x: Tensor) -> Tensor { x * 3 }
}

@Suite("Module hooks: what a hook's result replaces, order, removal")
struct ModuleHookTests {
    @Test("a forward-pre hook's result replaces the input; a forward hook's result replaces the output")
    func replacements() {
        let model = Triple()
        model.registerForwardPreHook { _, input in [input[0] + 1] }
        var seenInput: [Float] = []
        model.registerForwardHook { _, input, output in
            seenInput = input[0].scalars
            return output * 10
        }
        #expect(model(Tensor([1, 2])).scalars == [60, 90])
        #expect(seenInput == [2, 3], "forward hooks see the replaced input")
    }

    @Test("hooks run in registration order; prepend puts a hook first")
    func order() {
        let model = Triple()
        let log = Log()
        model.registerForwardHook { _, _, _ in log.entries.append("first") }
        model.registerForwardHook { _, _, _ in log.entries.append("second") }
        model.registerForwardHook(prepend: true) { _, _, _ in log.entries.append("prepended") }
        model.registerForwardPreHook { _, _ in log.entries.append("pre") }
        _ = model(Tensor([1]))
        #expect(log.entries == ["pre", "prepended", "first", "second"])
    }

    @Test("global hooks run before the module's own, and stop after remove()")
    func globalBeforeOwn() {
        let model = Triple()
        let log = Log()
        model.registerForwardHook { _, _, _ in log.entries.append("own") }
        let handle = registerModuleForwardHook { module, _, _ in
            if module === model { log.entries.append("global") }
            return nil
        }
        _ = model(Tensor([1]))
        handle.remove()
        _ = model(Tensor([1]))
        #expect(log.entries == ["global", "own", "own"])
    }

    @Test("remove() is idempotent and removes only its own hook")
    func removeTwice() {
        let model = Triple()
        let log = Log()
        let first = model.registerForwardHook { _, _, _ in log.entries.append("first") }
        model.registerForwardHook { _, _, _ in log.entries.append("second") }
        first.remove()
        first.remove()
        _ = model(Tensor([1]))
        #expect(log.entries == ["second"])
    }

    @Test("a full backward hook sees gradInput and gradOutput; its result replaces gradInput")
    func fullBackwardReplaces() throws {
        let model = Triple()
        var seen: (gradInput: [Float], gradOutput: [Float]) = ([], [])
        model.registerFullBackwardHook { _, gradInput, gradOutput in
            seen = (gradInput[0]!.scalars, gradOutput[0]!.scalars)
            return [gradInput[0]! * 0.5]
        }
        let x = Tensor([1, 2], requiresGrad: true)
        try (model(x) * Tensor([1, 2])).sum().backward()
        #expect(seen.gradOutput == [1, 2])
        #expect(seen.gradInput == [3, 6])
        #expect(x.grad?.scalars == [1.5, 3])
    }

    @Test("a backward-pre hook's result replaces gradOutput before the module's backward")
    func backwardPreReplaces() throws {
        let model = Triple()
        var gradOutputSeenByFullHook: [Float] = []
        model.registerFullBackwardPreHook { _, gradOutput in [gradOutput[0]! * 2] }
        model.registerFullBackwardHook { _, _, gradOutput in gradOutputSeenByFullHook = gradOutput[0]!.scalars }
        let x = Tensor([1, 2], requiresGrad: true)
        try model(x).sum().backward()
        #expect(gradOutputSeenByFullHook == [2, 2])
        #expect(x.grad?.scalars == [6, 6])
    }

    @Test("when the input does not require grad, full backward hooks still fire with gradInput [nil]")
    func gradInputNil() throws {
        let fc = Linear(2, 1)
        var gradInput: [Tensor?] = []
        var calls = 0
        fc.registerFullBackwardHook { _, gi, _ in
            gradInput = gi
            calls += 1
            return nil
        }
        try fc(Tensor([[1, 2]])).sum().backward()
        #expect(calls == 1)
        #expect(gradInput.count == 1 && gradInput[0] == nil)
        #expect(fc.weight.grad?.scalars == [1, 2])
    }

    @Test("full backward hooks wrap input and output in BackwardHookFunctionBackward nodes, not under withNoGrad")
    func identityNodes() {
        let model = Triple()
        model.registerFullBackwardHook { _, _, _ in }
        let y = model(Tensor([1], requiresGrad: true))
        #expect(y.gradFn?.name == "BackwardHookFunctionBackward")
        #expect(y.gradFn?.inputs[0].gradFn?.name == "MulBackward0")
        #expect(y.gradFn?.inputs[0].gradFn?.inputs[0].gradFn?.name == "BackwardHookFunctionBackward")
        let untracked = withNoGrad { model(Tensor([1], requiresGrad: true)) }
        #expect(untracked.gradFn == nil && untracked.scalars == [3])
    }

    @Test("hooks on modules inside a Sequential see each layer's input and output")
    func insideSequential() {
        let model = Sequential(Linear(3, 4), ReLU(), Linear(4, 2))
        var shapes: [[Int]] = []
        for layer in model.children() {
            layer.registerForwardHook { _, _, output in shapes.append(output.shape) }
        }
        _ = model(Tensor.randn([5, 3]))
        #expect(shapes == [[5, 4], [5, 4], [5, 2]])
    }

    @Test("a module called twice gets its backward hooks once per call, latest call first")
    func calledTwice() throws {
        let model = Triple()
        var calls: [(gradInput: [Float], gradOutput: [Float])] = []
        model.registerFullBackwardHook { _, gradInput, gradOutput in calls.append((gradInput[0]!.scalars, gradOutput[0]!.scalars)) }
        let x = Tensor([1], requiresGrad: true)
        try model(model(x)).sum().backward()
        #expect(calls.map(\.gradOutput) == [[1], [3]])
        #expect(calls.map(\.gradInput) == [[3], [9]])
        #expect(x.grad?.scalars == [9])
    }
}

@Suite("Module hooks removed from inside a hook")
struct ModuleHookRemovalTests {
    @Test("a forward hook that removes a later one leaves it to run in that call (torch calls from a copy), not the next")
    func removeLaterHook() {
        let model = Triple()
        let log = Log()
        var later: RemovableHandle?
        model.registerForwardHook { (_: Module, _: [Tensor], _: Tensor) -> Void in
            log.entries.append("first")
            later?.remove()
        }
        later = model.registerForwardHook { _, _, _ in log.entries.append("later") }
        _ = model(Tensor([1]))
        _ = model(Tensor([1]))
        #expect(log.entries == ["first", "later", "first"])
    }

    @Test("a full backward hook registered during backward waits for the next call")
    func registerDuringBackward() throws {
        let model = Triple()
        let log = Log()
        var added = false
        model.registerFullBackwardHook { (module: Module, _: [Tensor?], _: [Tensor?]) -> Void in
            log.entries.append("registered first")
            guard !added else { return }
            added = true
            module.registerFullBackwardHook { _, _, _ in log.entries.append("added") }
        }
        let x = Tensor([1], requiresGrad: true)
        try model(x).sum().backward()
        try model(x).sum().backward()
        #expect(log.entries == ["registered first", "registered first", "added"])
    }
}
