import CLumenBLAS

/// The GEMM backend behind matmul and convolution.
///
/// Accelerate on Apple platforms; on Linux OpenBLAS loaded at run time when installed, else
/// Lumen's built-in cache-blocked kernel (AVX2/FMA when the CPU has it). `LUMEN_BLAS=builtin`
/// or `LUMEN_BLAS=openblas` forces a choice.
///
/// ### Example
/// ```swift
/// print("GEMM: \(BLAS.backendName)")   // "openblas", "builtin-avx2", …
/// ```
public enum BLAS {
    /// The backend in use: "accelerate", "openblas", "builtin-avx2" or "builtin-portable".
    public static let backendName: String = {
        let name = String(cString: lumen_blas_backend())
        lumen_blas_set_threads(Int32(Parallel.threadCount))
        return name
    }()

    /// Row-major C = alpha · op(A) · op(B) + beta · C with op(A) m×k and op(B) k×n, through
    /// the backend, or Lumen's built-in kernel when `builtin` is true. The built-in kernel
    /// splits rows of C across ``Parallel/threadCount`` threads unless `threaded` is false.
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
        if !builtin && lumen_blas_is_threaded() != 0 {
            lumen_sgemm(ta, tb, Int32(m), Int32(n), Int32(k), alpha, a, Int32(lda), b, Int32(ldb), beta, c, Int32(ldc))
            return
        }
        guard threaded else {
            lumen_sgemm_builtin(ta, tb, Int32(m), Int32(n), Int32(k), alpha, a, Int32(lda), b, Int32(ldb), beta, c, Int32(ldc))
            return
        }
        Parallel.forEachChunk(m, cost: n &* k / 8) { rows in
            let aStart = transposeA ? a + rows.lowerBound : a + rows.lowerBound &* lda
            lumen_sgemm_builtin(ta, tb, Int32(rows.count), Int32(n), Int32(k), alpha, aStart, Int32(lda),
                                b, Int32(ldb), beta, c + rows.lowerBound &* ldc, Int32(ldc))
        }
    }

    /// Runs `body`, which splits its own work across threads and makes GEMMs with
    /// `threaded: false`, with the backend's own threading off: many mid-sized GEMMs side by
    /// side beat each one split in two. (The backend's thread count is process-wide: a GEMM
    /// another thread makes meanwhile also runs on one thread.)
    static func withBackendSingleThreaded<Result>(_ body: () -> Result) -> Result {
        _ = backendName
        lumen_blas_set_threads(1)
        defer { lumen_blas_set_threads(Int32(Parallel.threadCount)) }
        return body()
    }
}
