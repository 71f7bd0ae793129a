import CLumenBLAS
import LumenTensor
import LumenTestSupport
import Testing

/// C = alpha · op(A) · op(B) + beta · C in double precision, the obvious way.
func naiveGemm(_ ta: Bool, _ tb: Bool, _ m: Int, _ n: Int, _ k: Int, _ alpha: Float, _ a: [Float], _ b: [Float], _ beta: Float, _ c: [Float]) -> [Float] {
    (0..<(m * n)).map { index in
        let i = index / n, j = index % n
        var total = 0.0
        for p in 0..<k { total += Double(ta ? a[p * m + i] : a[i * k + p]) * Double(tb ? b[j * k + p] : b[p * n + j]) }
        return Float(Double(alpha) * total) + (beta == 0 ? 0 : beta * c[index])
    }
}

@Suite("GEMM backends")
struct BLASTests {
    static let shapes: [(Int, Int, Int)] = [(1, 1, 1), (5, 7, 3), (6, 16, 9), (13, 35, 300), (97, 130, 257), (7, 2100, 5)]

    @Test("the built-in kernel matches a naive GEMM for every transpose and ragged edge", arguments: [false, true], [false, true])
    func builtin(_ ta: Bool, _ tb: Bool) {
        let generator = Generator(seed: 11)
        for (m, n, k) in Self.shapes {
            let a = Tensor.randn([m * k], generator: generator).scalars, b = Tensor.randn([k * n], generator: generator).scalars
            let c = Tensor.randn([m * n], generator: generator).scalars
            for (alpha, beta) in [(Float(1), Float(0)), (0.5, 1), (2, -0.5)] {
                var out = c
                lumen_sgemm_builtin(ta ? 1 : 0, tb ? 1 : 0, Int32(m), Int32(n), Int32(k), alpha, a, Int32(ta ? m : k), b, Int32(tb ? k : n),
                                    beta, &out, Int32(n))
                let expected = naiveGemm(ta, tb, m, n, k, alpha, a, b, beta, c)
                let worst = maxRelativeDifference(out, expected)
                #expect(worst < 1e-4, "m=\(m) n=\(n) k=\(k) alpha=\(alpha) beta=\(beta): relative error \(worst)")
            }
        }
    }

    @Test("the selected backend matches a naive GEMM")
    func selected() {
        let generator = Generator(seed: 12)
        for (m, n, k) in Self.shapes {
            let a = Tensor.randn([m, k], generator: generator), b = Tensor.randn([k, n], generator: generator)
            let expected = naiveGemm(false, false, m, n, k, 1, a.scalars, b.scalars, 0, [])
            let worst = maxRelativeDifference(a.mm(b).scalars, expected)
            #expect(worst < 1e-4, "m=\(m) n=\(n) k=\(k): relative error \(worst)")
        }
    }

    @Test("reports its backend and thread count")
    func info() {
        #expect(["openblas", "accelerate", "builtin-avx2", "builtin-portable"].contains(BLAS.backendName))
        #expect(Parallel.threadCount >= 1)
    }
}
