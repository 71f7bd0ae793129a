import CLumenBLAS
import LumenTensor
import Foundation
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

    /// Shapes around the AVX-512 kernel's 12×32 tile and its blocks: exact tiles, one past them,
    /// more rows than one packed block of A (384), more columns than one of B (4096), and k split
    /// into several blocks (192 steps each at most).
    static let tileShapes: [(Int, Int, Int)] = [(12, 32, 192), (13, 33, 193), (11, 31, 7), (24, 64, 1), (385, 45, 20), (3, 4100, 5), (25, 40, 500)]

    static func runs(_ kernel: String) -> Bool { lumen_sgemm_kernel_supported(kernel) != 0 }

    @Test("the portable kernel matches a naive GEMM on tile edges, block edges and padded strides")
    func portableKernel() { checkKernel("portable") }

    @Test("the AVX2 kernel matches a naive GEMM on tile edges, block edges and padded strides", .enabled(if: runs("avx2")))
    func avx2Kernel() { checkKernel("avx2") }

    @Test("the AVX-512 kernel matches a naive GEMM on tile edges, block edges and padded strides", .enabled(if: runs("avx512")))
    func avx512Kernel() { checkKernel("avx512") }

    @Test("the AVX-512 kernel's code, compiled for AVX2, matches a naive GEMM", .enabled(if: runs("avx512-on-avx2")))
    func avx512CodeOnAVX2() { checkKernel("avx512-on-avx2") }

    /// Runs the named kernel over every transpose of the tile and block shapes, with alpha and
    /// beta, into a C with padded rows, against ``naiveGemm``.
    func checkKernel(_ name: String) {
        let generator = Generator(seed: 13)
        for (m, n, k) in Self.tileShapes + Self.shapes {
            for (ta, tb) in [(false, false), (true, false), (false, true), (true, true)] {
                // Leading dimensions three wider than the matrices: a kernel that assumes
                // contiguous rows reads the padding.
                let rowsA = ta ? k : m, columnsA = ta ? m : k, rowsB = tb ? n : k, columnsB = tb ? k : n
                let (lda, ldb, ldc) = (columnsA + 3, columnsB + 3, n + 3)
                let paddedA = Tensor.randn([rowsA * lda], generator: generator).scalars
                let paddedB = Tensor.randn([rowsB * ldb], generator: generator).scalars
                let paddedC = Tensor.randn([m * ldc], generator: generator).scalars
                let a = (0..<(rowsA * columnsA)).map { paddedA[$0 / columnsA * lda + $0 % columnsA] }
                let b = (0..<(rowsB * columnsB)).map { paddedB[$0 / columnsB * ldb + $0 % columnsB] }
                let c = (0..<(m * n)).map { paddedC[$0 / n * ldc + $0 % n] }
                let (alpha, beta): (Float, Float) = ta == tb ? (1, 0) : (-1.5, 0.5)
                var out = paddedC
                let status = lumen_sgemm_with_kernel(name, ta ? 1 : 0, tb ? 1 : 0, Int32(m), Int32(n), Int32(k), alpha,
                                                     paddedA, Int32(lda), paddedB, Int32(ldb), beta, &out, Int32(ldc))
                #expect(status == 0)
                let expected = naiveGemm(ta, tb, m, n, k, alpha, a, b, beta, c)
                var worst: Float = 0
                for i in 0..<m {
                    for j in 0..<n { worst = max(worst, Swift.abs(out[i * ldc + j] - expected[i * n + j]) / (1 + Swift.abs(expected[i * n + j]))) }
                    for j in n..<ldc { #expect(out[i * ldc + j] == paddedC[i * ldc + j], "\(name) wrote past column \(n) in row \(i)") }
                }
                #expect(worst < 1e-4, "\(name) m=\(m) n=\(n) k=\(k) ta=\(ta) tb=\(tb): relative error \(worst)")
            }
        }
    }

    @Test("an unknown kernel name leaves C alone and reports it")
    func unknownKernel() {
        var c: [Float] = [7]
        #expect(lumen_sgemm_with_kernel("avx9000", 0, 0, 1, 1, 1, 1, [2], 1, [3], 1, 0, &c, 1) == -1)
        #expect(c == [7])
        #expect(lumen_sgemm_kernel_supported("avx9000") == 0)
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
        #expect(["openblas", "accelerate"].contains(BLAS.backendName) || BLAS.backendName == "builtin-" + BLAS.builtinKernel)
        #expect(["avx512", "avx2", "portable", "avx512-on-avx2"].contains(BLAS.builtinKernel))
        #expect(!BLAS.reason.isEmpty)
        if BLAS.backendName.hasPrefix("builtin-") { #expect(BLAS.backendName == "builtin-" + BLAS.builtinKernel) }
    }

    @Test("LUMEN_BLAS forces a built-in kernel the CPU can run")
    func forcedKernel() throws {
        let forced = ProcessInfo.processInfo.environment["LUMEN_BLAS"] ?? ""
        if ["avx512", "avx2", "portable", "avx512-on-avx2"].contains(forced), Self.runs(forced) {
            #expect(BLAS.backendName == "builtin-" + forced)
            #expect(BLAS.reason == "LUMEN_BLAS=" + forced)
        } else if forced == "builtin" {
            #expect(BLAS.backendName.hasPrefix("builtin-"))
        } else if ["avx512", "avx2", "portable"].contains(forced) {
            #expect(BLAS.reason.hasPrefix("LUMEN_BLAS=\(forced), which this CPU cannot run"))
        }
        #expect(Parallel.threadCount >= 1)
    }
}
