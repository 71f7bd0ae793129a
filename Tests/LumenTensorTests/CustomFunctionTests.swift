import LumenTensor
import Testing

@Suite("Custom autograd functions and in-place updates")
struct CustomFunctionTests {
    @Test("a custom function joins the graph with its own backward, as torch.autograd.Function")
    func customSquare() throws {
        let x = Tensor([1, 2, 3], requiresGrad: true)
        let squared = withNoGrad { x * x }
        let y = Tensor.function("SquareBackward", inputs: [x], output: squared) { grad in [grad * x * 2] }
        #expect(y.gradFn?.name == "SquareBackward" && y.requiresGrad)
        #expect(y.scalars == [1, 4, 9])
        try y.sum().backward()
        #expect(x.grad?.scalars == [2, 4, 6])
    }

    @Test("an identity function sees the gradient that flows through it")
    func identity() throws {
        let x = Tensor([1, 2], requiresGrad: true)
        let log = Log()
        let y = Tensor.function("BackwardHookFunctionBackward", inputs: [x], output: x) { grad in
            log.values += grad.scalars
            return [grad]
        }
        try (y * 3).sum().backward()
        #expect(log.values == [3, 3])
        #expect(x.grad?.scalars == [3, 3])
    }

    @Test("assign updates values in place: the same tensor, hooks and graph role")
    func assign() throws {
        let w = Tensor([1, 2], requiresGrad: true)
        try (w * w).sum().backward()
        withNoGrad { w.assign(w - w.grad! * 0.5) }
        #expect(w.scalars == [0, 0])
        #expect(w.requiresGrad && w.isLeaf)
    }

    @Test("assigning to a leaf that requires grad outside withNoGrad stops, as in torch")
    func assignNeedsNoGrad() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            let w = Tensor([1, 2], requiresGrad: true)
            w.assign(Tensor([0, 0]))
        }
        let message = String(decoding: result?.standardErrorContent ?? [], as: UTF8.self)
        #expect(message.contains("a leaf Variable that requires grad is being used in an in-place operation."))
    }
}
