import LumenTensor
import Testing

@Suite("Autograd engine")
struct AutogradTests {
    @Test("accumulates gradients into leaves as torch does")
    func accumulation() throws {
        let x = Tensor([1, 2, 3], requiresGrad: true)
        try (x * x).sum().backward()
        #expect(x.grad?.scalars == [2, 4, 6])
        try (x * 3).sum().backward()
        #expect(x.grad?.scalars == [5, 7, 9])
    }

    @Test("a tensor used twice receives the sum of both gradients")
    func diamond() throws {
        let x = Tensor(3.0, requiresGrad: true)
        let y = x * x + x
        try y.backward()
        #expect(x.grad?.item() == 7)
    }

    @Test("names grad_fn as torch does")
    func gradFnNames() {
        let x = Tensor([1, 2], requiresGrad: true)
        #expect((x + x).gradFn?.name == "AddBackward0")
        #expect((x * 2).gradFn?.name == "MulBackward0")
        #expect(x.sum().gradFn?.name == "SumBackward0")
        #expect(x.exp().gradFn?.name == "ExpBackward0")
        #expect(x.isLeaf && !(x + 1).isLeaf)
        #expect(x.gradFn == nil)
    }

    @Test("withNoGrad records nothing; detach cuts the graph")
    func noGradAndDetach() {
        let x = Tensor([1, 2], requiresGrad: true)
        let y = withNoGrad { x * 2 }
        #expect(!y.requiresGrad && y.gradFn == nil)
        #expect(isGradEnabled && !withNoGrad { isGradEnabled })
        let d = (x * 2).detach()
        #expect(!d.requiresGrad && d.isLeaf)
    }

    @Test("retainGrad keeps a non-leaf's gradient")
    func retainGrad() throws {
        let x = Tensor([1, 2], requiresGrad: true)
        let h = x * 3
        h.retainGrad()
        #expect(h.retainsGradient)
        try (h * h).sum().backward()
        #expect(h.grad?.scalars == [6, 12])
        let other = x * 2
        try other.sum().backward()
        #expect(other.grad == nil)
    }

    @Test("a second backward through a freed graph throws torch's error")
    func secondBackward() throws {
        let x = Tensor([1, 2], requiresGrad: true)
        let y = (x * x).sum()
        try y.backward()
        #expect(throws: AutogradError.graphFreed) { try y.backward() }
        #expect("\(AutogradError.graphFreed)".hasPrefix("Trying to backward through the graph a second time"))
    }

    @Test("retainGraph allows a second backward")
    func retainGraph() throws {
        let x = Tensor([1, 2], requiresGrad: true)
        let y = (x * x).sum()
        try y.backward(retainGraph: true)
        try y.backward()
        #expect(x.grad?.scalars == [4, 8])
    }

    @Test("ops that save nothing can run backward twice, as in torch")
    func noSavedTensors() throws {
        let x = Tensor([1, 2], requiresGrad: true)
        let y = (x + 1).sum()
        try y.backward()
        try y.backward()
        #expect(x.grad?.scalars == [2, 2])
    }

    @Test("which graphs a second backward may walk again: those whose ops saved no tensors, as in torch",
          arguments: [
              ("x * 2", false), ("x / 2", false), ("x + 1", true), ("-x", true), ("1 - x", true), ("reshape", true),
              ("x[0]", true), ("cat", true), ("mean", true), ("expand", true), ("t", true), ("relu", false),
              ("x ** 2", false), ("x * x", false), ("where", false), ("split", true), ("stack", true), ("sum", true),
          ])
    func secondBackwardLikeTorch(_ op: String, _ allowed: Bool) throws {
        let x = Tensor([1, 2], requiresGrad: true)
        let y: Tensor = switch op {
        case "x * 2": x * 2
        case "x / 2": x / 2
        case "x + 1": x + 1
        case "-x": -x
        case "1 - x": 1 - x
        case "reshape": x.reshape([2, 1])
        case "x[0]": x[0]
        case "cat": Tensor.cat([x, x])
        case "mean": x.mean()
        case "expand": x.expand([3, 2])
        case "t": x.reshape([1, 2]).t
        case "relu": x.relu()
        case "x ** 2": x.pow(2)
        case "x * x": x * x
        case "where": Tensor.where(x.gt(1), x, x * 0)
        case "split": x.split(1)[0]
        case "stack": Tensor.stack([x, x])
        default: x.sum()
        }
        let loss = y.sum()
        try loss.backward()
        if allowed {
            try loss.backward()
        } else {
            #expect(throws: AutogradError.graphFreed) { try loss.backward() }
        }
    }

    @Test("backward from a non-scalar needs a gradient")
    func nonScalar() throws {
        let x = Tensor([1, 2], requiresGrad: true)
        let y = x * 2
        #expect(throws: AutogradError.nonScalarOutput) { try y.backward() }
        #expect("\(AutogradError.nonScalarOutput)" == "grad can be implicitly created only for scalar outputs")
        try y.backward(gradient: Tensor([1, 10]))
        #expect(x.grad?.scalars == [2, 20])
    }

    @Test("a gradient of the wrong shape throws torch's mismatch error")
    func gradientShape() {
        let y = Tensor([1, 2], requiresGrad: true) * 2
        #expect(throws: AutogradError.gradientShapeMismatch(expected: [2], got: [3])) { try y.backward(gradient: Tensor([1, 1, 1])) }
    }

    @Test("backward from a tensor that does not require grad throws")
    func noGradRoot() {
        #expect(throws: AutogradError.doesNotRequireGrad) { try Tensor([1]).sum().backward() }
    }

    @Test("a leaf's requiresGrad can be switched on later")
    func switchOn() throws {
        let x = Tensor([1, 2])
        x.requiresGrad = true
        try (x * x).sum().backward()
        #expect(x.grad?.scalars == [2, 4])
    }
}
