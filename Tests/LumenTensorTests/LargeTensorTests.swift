import LumenTensor
import Testing

/// Tensors large enough that Lumen splits the work across threads.
@Suite("Large tensors, split across threads")
struct LargeTensorTests {
    /// Σ values in double precision.
    func exactSum(_ values: ArraySlice<Float>) -> Double { values.reduce(0) { $0 + Double($1) } }

    @Test("sums of long lines, wide columns and many rows agree with a double-precision sum")
    func reductions() {
        let x = Tensor.randn([3, 200_000], generator: Generator(seed: 21))
        let values = x.scalars
        let scale = values.reduce(0) { $0 + Double(Swift.abs($1)) }
        #expect(Swift.abs(Double(x.sum().item()) - exactSum(values[...])) < 1e-6 * scale)
        let rows = x.sum(dim: 1).scalars
        for r in 0..<3 {
            #expect(Swift.abs(Double(rows[r]) - exactSum(values[(r * 200_000)..<((r + 1) * 200_000)])) < 1e-6 * scale)
        }
        let columns = x.sum(dim: 0).scalars
        for c in [0, 77_777, 199_999] {
            let exact = (0..<3).reduce(0.0) { $0 + Double(values[$1 * 200_000 + c]) }
            #expect(Swift.abs(Double(columns[c]) - exact) < 1e-5)
        }
        let many = Tensor.randn([50_000, 7], generator: Generator(seed: 22))
        let sums = many.sum(dim: 1).scalars
        for r in [0, 49_999] {
            #expect(Swift.abs(Double(sums[r]) - exactSum(many.scalars[(r * 7)..<(r * 7 + 7)])) < 1e-5)
        }
    }

    @Test("large element-wise ops, softmax and argmax give the same values as small ones")
    func elementwise() {
        let x = Tensor.randn([1_000, 600], generator: Generator(seed: 23))
        let y = Tensor.randn([600], generator: Generator(seed: 24))
        let sum = (x + y).scalars, product = (x * y).scalars, relu = x.relu().scalars
        for i in [0, 123_457, 599_999] {
            #expect(sum[i] == x.scalars[i] + y.scalars[i % 600])
            #expect(product[i] == x.scalars[i] * y.scalars[i % 600])
            #expect(relu[i] == Swift.max(x.scalars[i], 0))
        }
        let rows = x.softmax(dim: 1).sum(dim: 1).scalars
        #expect(rows.allSatisfy { Swift.abs($0 - 1) < 1e-5 })
        let best = x.argmax(dim: 1).scalars
        #expect(Int(best[999]) == x.scalars[(999 * 600)..<(1_000 * 600)].indices.max { x.scalars[$0] < x.scalars[$1] }! - 999 * 600)
    }

    @Test("element-wise ops on arrays larger than the cache (written with streaming stores) match element by element")
    func streamedElementwise() throws {
        // 8M elements: two or three such arrays outgrow any last-level cache up to 64 MiB.
        let count = 8 * 1024 * 1024 + 3
        let x = Tensor.randn([count], generator: Generator(seed: 25)), y = Tensor.randn([count], generator: Generator(seed: 26))
        let (a, b) = (x.scalars, y.scalars)
        var results: [(String, [Float], (Int) -> Float)] = [
            ("add", (x + y).scalars, { a[$0] + b[$0] }),
            ("sub", (x - y).scalars, { a[$0] - b[$0] }),
            ("mul", (x * y).scalars, { a[$0] * b[$0] }),
            ("div", (x / y).scalars, { a[$0] / b[$0] }),
            ("relu", x.relu().scalars, { Swift.max(a[$0], 0) }),
            ("neg", (-x).scalars, { -a[$0] }),
            ("scale", (x * 3).scalars, { a[$0] * 3 }),
            ("shift", (x + 3).scalars, { a[$0] + 3 }),
        ]
        let leaf = Tensor(a, requiresGrad: true)
        try leaf.relu().backward(gradient: y)
        let reluGradient = leaf.grad!.scalars
        results.append(("relu gradient", reluGradient, { a[$0] > 0 ? b[$0] : 0 }))
        // Every element near the ends (the kernels' unaligned head and tail) and a stride through
        // the rest, which is enough to catch a lane computed wrongly.
        let checked = Array(0..<64) + Array(Swift.stride(from: 64, to: count - 64, by: 61)) + Array((count - 64)..<count)
        for (name, values, expected) in results {
            let mismatch = checked.first { values[$0] != expected($0) }
            #expect(mismatch == nil, "\(name) differs at \(mismatch ?? -1)")
        }
    }
}
