import Foundation
import LumenTensor
import Testing

@Suite("Tensor creation, printing and random numbers")
struct TensorBasicsTests {
    @Test("prints as torch prints")
    func description() {
        #expect("\(Tensor([[1, 2], [3, 4]]))" == "tensor([[1., 2.],\n        [3., 4.]])")
        #expect("\(Tensor([1.5, 2]))" == "tensor([1.5000, 2.0000])")
        #expect("\(Tensor(3.0))" == "tensor(3.)")
        #expect("\(Tensor([1, 2, 3, 4, 5, 6, 7, 8], shape: [2, 2, 2]))" == "tensor([[[1., 2.],\n         [3., 4.]],\n\n        [[5., 6.],\n         [7., 8.]]])")
        #expect("\(Tensor([1e-5, 1]))" == "tensor([1.0000e-05, 1.0000e+00])")
        #expect("\(Tensor([0.1, 123456]))" == "tensor([1.0000e-01, 1.2346e+05])")
        #expect("\(Tensor([1e9, 1]))" == "tensor([1.0000e+09, 1.0000e+00])")
        #expect("\(Tensor([-1.25, 100.5]))" == "tensor([ -1.2500, 100.5000])")
        #expect("\(Tensor([1, 2], requiresGrad: true))" == "tensor([1., 2.], requires_grad=True)")
        #expect("\(Tensor([1, 2], requiresGrad: true) * 2)" == "tensor([2., 4.], grad_fn=<MulBackward0>)")
    }

    @Test("contiguous() returns the tensor itself, as torch's does for a contiguous tensor")
    func contiguous() throws {
        let x = Tensor.randn([2, 3], requiresGrad: true)
        #expect(x.contiguous() === x)
        let y = x.permute([1, 0]).contiguous()
        #expect(y.shape == [3, 2] && y.scalars == x.permute([1, 0]).scalars)
        try y.sum().backward()
        #expect(x.grad?.scalars == [Float](repeating: 1, count: 6))
    }

    @Test("creates zeros, ones, full, arange, linspace, eye as torch")
    func creation() {
        #expect(Tensor.zeros([2, 3]).scalars == [Float](repeating: 0, count: 6))
        #expect(Tensor.ones([2]).shape == [2])
        #expect(Tensor.zerosLike(Tensor.eye(2)).scalars == [0, 0, 0, 0] && Tensor.onesLike(Tensor([5])).scalars == [1])
        #expect(Tensor.full([2, 2], 7).scalars == [7, 7, 7, 7])
        #expect(Tensor.arange(4).scalars == [0, 1, 2, 3])
        #expect(Tensor.arange(1, 2, step: 0.25).scalars == [1, 1.25, 1.5, 1.75])
        #expect(Tensor.arange(3, 0, step: -1).scalars == [3, 2, 1])
        #expect(Tensor.linspace(0, 1, steps: 5).scalars == [0, 0.25, 0.5, 0.75, 1])
        #expect(Tensor.linspace(-1, 1, steps: 1).scalars == [-1])
        #expect(Tensor.eye(2, 3).scalars == [1, 0, 0, 0, 1, 0])
        #expect(Tensor(2.5).item() == 2.5 && Tensor(2.5).shape == [])
        #expect(Tensor([[1, 2], [3, 4]]).toArray() == [1, 2, 3, 4])
        #expect(Tensor([1, 2, 3, 4, 5, 6], shape: [2, 3]).count == 6)
    }

    @Test("seeded generators repeat their numbers; distributions have the right moments")
    func random() {
        let a = Tensor.randn([1000], generator: Generator(seed: 3))
        let b = Tensor.randn([1000], generator: Generator(seed: 3))
        #expect(a.scalars == b.scalars)
        #expect(Swift.abs(a.mean().item()) < 0.1 && Swift.abs(a.std().item() - 1) < 0.1)
        let u = Tensor.rand([1000], generator: Generator(seed: 4))
        #expect(u.min().item() >= 0 && u.max().item() < 1 && Swift.abs(u.mean().item() - 0.5) < 0.05)
        let k = Tensor.randint(-2, 3, [1000], generator: Generator(seed: 5))
        #expect(Set(k.scalars) == [-2, -1, 0, 1, 2])
        // Other tests draw from the process-wide generator at the same time; a scoped default
        // keeps this sequence to itself.
        Generator.withDefault(Generator(seed: 1)) {
            Tensor.manualSeed(9)
            let first = Tensor.rand([4])
            #expect(first.scalars == Tensor.rand([4], generator: Generator(seed: 9)).scalars)
            Tensor.manualSeed(9)
            #expect(Tensor.rand([4]).scalars == first.scalars)
        }
        #expect(Generator.default !== Generator.withDefault(Generator(seed: 1)) { Generator.default })
    }

    @Test("dropout zeroes about p of the elements, scales the rest by 1/(1-p), and is the identity in eval")
    func dropout() throws {
        let x = Tensor.ones([10_000], requiresGrad: true)
        let y = x.dropout(p: 0.3, generator: Generator(seed: 1))
        let kept = y.scalars.filter { $0 != 0 }
        #expect(Set(kept) == [Float(1) / 0.7])
        #expect(Swift.abs(Float(kept.count) / 10_000 - 0.7) < 0.02)
        #expect(y.gradFn?.name == "NativeDropoutBackward0")
        try y.sum().backward()
        #expect(x.grad!.scalars == y.scalars)
        #expect(x.dropout(p: 0.3, training: false) === x)
    }

    @Test("indexing and slicing read as in torch")
    func indexing() {
        let m = Tensor.arange(12).reshape([3, 4])
        #expect(m[1].scalars == [4, 5, 6, 7])
        #expect(m[-1].scalars == [8, 9, 10, 11])
        #expect(m[0..<2, 1...].scalars == [1, 2, 3, 5, 6, 7])
        #expect(m[1...].shape == [2, 4])
        #expect(m.t.shape == [4, 3])
        #expect(m.argmax().item() == 11)
    }

    @Test("max pooling picks the position torch picks: the first of equal maxima, the last NaN, the first of an all −∞ window")
    func maxPoolPositions() {
        let n = Float.nan, i = -Float.infinity
        let x = Tensor([n, 1, 5, 5, n, 2, 4, 5, i, i, 0, 0, i, i, 0, -1], shape: [1, 2, 2, 4])
        let (values, indices) = x.maxPool2dWithIndices(kernelSize: 2)
        // torch.nn.functional.max_pool2d(x, 2, return_indices=True) on the same tensor.
        #expect(indices.scalars == [4, 2, 0, 2])
        #expect(values.scalars[0].isNaN && Array(values.scalars[1...]) == [5, i, 0])
    }

    @Test("grad_fn names follow torch's")
    func names() {
        let x = Tensor.randn([1, 2, 5, 5], requiresGrad: true)
        let w = Tensor.randn([3, 2, 3, 3], requiresGrad: true)
        #expect(x.conv2d(w).gradFn?.name == "ConvolutionBackward0")
        #expect(x.maxPool2d(kernelSize: 2).gradFn?.name == "MaxPool2DWithIndicesBackward0")
        #expect(x.reshape([2, 25]).gradFn?.name == "ViewBackward0")
        #expect(x.reshape([2, 25]).mm(Tensor.randn([25, 2])).gradFn?.name == "MmBackward0")
        #expect(x.softmax(dim: 1).gradFn?.name == "SoftmaxBackward0")
        #expect(x.permute([0, 2, 3, 1]).gradFn?.name == "PermuteBackward0")
        #expect(Tensor.cat([x, x], dim: 1).gradFn?.name == "CatBackward0")
        #expect(x.reshape([2, 25]).crossEntropy(Tensor([1, 3])).gradFn?.name == "NllLossBackward0")
        #expect((1 - x).gradFn?.name == "RsubBackward1")
    }
}

@Suite("Errors in torch's words")
struct TensorErrorTests {
    @Test("a shape mismatch names the op and both shapes")
    func broadcastMismatch() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Tensor.zeros([2, 3]) + Tensor.zeros([4])
        }
        let message = String(decoding: result?.standardErrorContent ?? [], as: UTF8.self)
        #expect(message.contains("add: shapes [2, 3] and [4] cannot be broadcast"))
    }

    @Test("matmul of incompatible shapes names both")
    func matmulMismatch() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Tensor.zeros([2, 3]).mm(Tensor.zeros([4, 5]))
        }
        let message = String(decoding: result?.standardErrorContent ?? [], as: UTF8.self)
        #expect(message.contains("mm: mat1 and mat2 shapes cannot be multiplied (2x3 and 4x5)"))
    }

    @Test("a hook that changes the gradient's shape stops")
    func hookChangesShape() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            let x = Tensor([1, 2], requiresGrad: true)
            x.registerHook { _ in Tensor([1, 2, 3]) }
            try? (x * 2).sum().backward()
        }
        let message = String(decoding: result?.standardErrorContent ?? [], as: UTF8.self)
        #expect(message.contains("hook has changed the size of value"))
    }

    @Test("registering a hook on a tensor that does not require grad stops")
    func hookWithoutGrad() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            Tensor([1, 2]).registerHook { _ in }
        }
        let message = String(decoding: result?.standardErrorContent ?? [], as: UTF8.self)
        #expect(message.contains("cannot register a hook on a tensor that doesn't require gradient"))
    }
}

@Suite("Printing large tensors")
struct TensorPrintingTests {
    @Test("summarizes more than 1,000 elements and wraps lines at 80 columns, as torch")
    func summarized() {
        let expected = """
        tensor([0.0000e+00, 1.0000e+00, 2.0000e+00,  ..., 1.9970e+03, 1.9980e+03,
                1.9990e+03])
        """
        #expect("\(Tensor.arange(2000))" == expected)
        let matrix = "\(Tensor.arange(2000).reshape([40, 50]) / 7)"
        let lines = matrix.split(separator: "\n")
        #expect(lines.count == 13)
        #expect(lines[0] == "tensor([[0.0000e+00, 1.4286e-01, 2.8571e-01,  ..., 6.7143e+00, 6.8571e+00,")
        #expect(lines[6] == "        ...,")
        #expect(lines[12] == "         2.8557e+02]])")
    }

    @Test("puts grad_fn on a new line when the last line is full, as torch")
    func suffixWrapping() {
        let wide = Tensor.arange(0, 1.1, step: 0.1).reshape([1, 11]) * Tensor(1, requiresGrad: true)
        #expect("\(wide)" == """
        tensor([[0.0000, 0.1000, 0.2000, 0.3000, 0.4000, 0.5000, 0.6000, 0.7000, 0.8000,
                 0.9000, 1.0000]], grad_fn=<MulBackward0>)
        """)
        let full = Tensor.arange(0, 0.8, step: 0.1).reshape([1, 8]) * Tensor(1, requiresGrad: true)
        #expect("\(full)" == """
        tensor([[0.0000, 0.1000, 0.2000, 0.3000, 0.4000, 0.5000, 0.6000, 0.7000]],
               grad_fn=<MulBackward0>)
        """)
    }
}

@Suite("Empty batches")
struct EmptyBatchTests {
    @Test("conv2d and pooling of an empty batch give empty results and zero weight gradients, as torch")
    func emptyBatch() throws {
        let x = Tensor.zeros([0, 2, 5, 5], requiresGrad: true)
        let w = Tensor.randn([3, 2, 3, 3], requiresGrad: true)
        let y = x.conv2d(w, padding: 1)
        #expect(y.shape == [0, 3, 5, 5])
        try (y.maxPool2d(kernelSize: 2).sum() + y.sum()).backward()
        #expect(w.grad?.scalars == [Float](repeating: 0, count: 54))
        #expect(x.grad?.shape == [0, 2, 5, 5])
    }
}
