import LumenTensor
import Testing

/// Records values seen from inside hooks.
final class Log {
    var values: [Float] = []
    var events: [String] = []
}

@Suite("Tensor hooks")
struct TensorHookTests {
    @Test("the seed example: a hook on a sees 2; doubling w's gradient gives w.grad = 10, x.grad = 2")
    func seedExample() throws {
        let w = Tensor(1.0, requiresGrad: true), x = Tensor(2.0, requiresGrad: true)
        let a = w + x, b = w + 1
        let y = a * b
        let log = Log()
        a.registerHook { grad in log.values.append(grad.item()) }
        let handle = w.registerHook { grad in grad * 2 }
        try y.backward()
        handle.remove()
        #expect(log.values == [2])
        #expect(w.grad?.item() == 10)
        #expect(x.grad?.item() == 2)
    }

    @Test("a removed hook no longer runs, and remove() is idempotent")
    func removal() throws {
        let x = Tensor([1, 2], requiresGrad: true)
        let log = Log()
        let handle = x.registerHook { _ in log.values.append(1) }
        handle.remove()
        handle.remove()
        try (x * 2).sum().backward()
        #expect(log.values.isEmpty)
        #expect(x.grad?.scalars == [2, 2])
    }

    @Test("hooks run in registration order, each seeing the previous one's result")
    func chaining() throws {
        let x = Tensor(1.0, requiresGrad: true)
        let log = Log()
        x.registerHook { grad in grad + 1 }
        x.registerHook { grad in log.values.append(grad.item()); return grad * 10 }
        try (x * 3).backward()
        #expect(log.values == [4])
        #expect(x.grad?.item() == 40)
    }

    @Test("a leaf's hooks run before accumulation; post-accumulate hooks after")
    func postAccumulate() throws {
        let w = Tensor([1, 1], requiresGrad: true)
        let log = Log()
        w.registerHook { _ in log.events.append("hook grad=\(w.grad == nil ? "none" : "set")") }
        w.registerPostAccumulateGradHook { t in log.events.append("post grad=\(t.grad!.scalars)") }
        try (w * 3).sum().backward()
        #expect(log.events == ["hook grad=none", "post grad=[3.0, 3.0]"])
    }

    @Test("a hook on an intermediate changes what flows to the leaves")
    func intermediateHook() throws {
        let x = Tensor([1, 2], requiresGrad: true)
        let h = x * 2
        h.retainGrad()
        h.registerHook { grad in grad * 0 + 1 }
        try (h * h).sum().backward()
        #expect(h.grad?.scalars == [1, 1])
        #expect(x.grad?.scalars == [2, 2])
    }
}
