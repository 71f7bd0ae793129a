import CLumenBLAS

/// The GEMM backend behind matmul and convolution.
///
/// The fastest correct backend for the CPU, chosen once per process: Accelerate on Apple
/// platforms; on Linux Lumen's built-in AVX-512 kernel when the CPU has AVX-512F enabled by the
/// OS (in optimized builds: a debug build compiles it unoptimized and prefers OpenBLAS), else
/// OpenBLAS loaded at run time when installed, else the built-in AVX2/FMA kernel (or
/// portable C). `LUMEN_BLAS=openblas|builtin|avx512|avx2|portable` forces a choice.
///
/// ### Example
/// ```swift
/// print("GEMM: \(BLAS.backendName), because \(BLAS.reason)")   // "builtin-avx512", …
/// ```
public enum BLAS {
    /// The backend in use: "accelerate", "openblas", "builtin-avx512", "builtin-avx2" or
    /// "builtin-portable".
    public static let backendName: String = {
        let name = String(cString: lumen_blas_backend())
        // Lumen splits GEMMs across its own threads (``Parallel``): OpenBLAS's thread pool would
        // compete with them for the same cores, so OpenBLAS runs each piece on one thread.
        lumen_blas_set_threads(1)
        return name
    }()

    /// Why ``backendName`` was chosen: the CPU's features, what loaded, or `LUMEN_BLAS`.
    public static var reason: String { String(cString: lumen_blas_reason()) }

    /// The micro-kernel of Lumen's built-in GEMM in this process ("avx512", "avx2" or
    /// "portable"), used when the backend is built-in and by `sgemm(…, builtin: true)`.
    public static var builtinKernel: String { String(cString: lumen_blas_builtin_kernel()) }

    /// Whether the backend splits every GEMM across threads itself (Accelerate), so Lumen
    /// calls it whole.
    private static let backendThreadsItself = backendName == "accelerate"

    /// Row-major C = alpha · op(A) · op(B) + beta · C with op(A) m×k and op(B) k×n, through
    /// the backend, or Lumen's built-in kernel when `builtin` is true. Large products are split
    /// into blocks of rows (or of columns, when C is wider than tall) across
    /// ``Parallel/threadCount`` threads unless `threaded` is false.
    ///
    /// ```swift
    /// BLAS.sgemm(transposeA: false, transposeB: false, m: m, n: n, k: k, a, lda: k, b, ldb: n, beta: 0, c, ldc: n)
    /// ```
    public static func sgemm(
        transposeA: Bool, transposeB: Bool, m: Int, n: Int, k: Int, alpha: Float = 1,
        _ a: UnsafePointer<Float>, lda: Int, _ b: UnsafePointer<Float>, ldb: Int,
        beta: Float, _ c: UnsafeMutablePointer<Float>, ldc: Int, builtin: Bool = false, threaded: Bool = true
    ) {
        _ = backendName
        let ta: Int32 = transposeA ? 1 : 0, tb: Int32 = transposeB ? 1 : 0
        let external = !builtin && lumen_blas_is_threaded() != 0
        /// op(A) rows `rows` times op(B) columns `columns`, into that block of C.
        func block(rows: Range<Int>, columns: Range<Int>) {
            let aStart = transposeA ? a + rows.lowerBound : a + rows.lowerBound &* lda
            let bStart = transposeB ? b + columns.lowerBound &* ldb : b + columns.lowerBound
            let cStart = c + (rows.lowerBound &* ldc &+ columns.lowerBound)
            let gemm = external ? lumen_sgemm : lumen_sgemm_builtin
            gemm(ta, tb, Int32(rows.count), Int32(columns.count), Int32(k), alpha, aStart, Int32(lda),
                 bStart, Int32(ldb), beta, cStart, Int32(ldc))
        }
        if !threaded || (external && backendThreadsItself) {
            block(rows: 0..<m, columns: 0..<n)
        } else if m >= n {
            Parallel.forEachChunk(m, cost: n &* k / 8) { block(rows: $0, columns: 0..<n) }
        } else {
            Parallel.forEachChunk(n, cost: m &* k / 8) { block(rows: 0..<m, columns: $0) }
        }
    }
}
