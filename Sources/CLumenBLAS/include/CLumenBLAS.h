#ifndef CLUMEN_BLAS_H
#define CLUMEN_BLAS_H

/// Row-major single-precision GEMM: C = alpha · op(A) · op(B) + beta · C, where op(X) is X or
/// its transpose (`trans_a` / `trans_b` non-zero), op(A) is m×k, op(B) is k×n and C is m×n.
/// The backend is chosen once, at the first call (see `lumen_blas_backend`).
void lumen_sgemm(int trans_a, int trans_b, int m, int n, int k, float alpha,
                 const float *a, int lda, const float *b, int ldb,
                 float beta, float *c, int ldc);

/// The built-in cache-blocked GEMM with its kernel for this process (`lumen_blas_builtin_kernel`),
/// whatever the chosen backend: single-threaded, so callers may split rows of C across threads.
void lumen_sgemm_builtin(int trans_a, int trans_b, int m, int n, int k, float alpha,
                         const float *a, int lda, const float *b, int ldb,
                         float beta, float *c, int ldc);

/// The built-in GEMM with the named micro-kernel: "avx512", "avx2", "portable", or
/// "avx512-on-avx2" (the AVX-512 kernel's code compiled for AVX2, to test it on CPUs without
/// AVX-512). Returns 0, or -1 without touching C when the name is unknown or the CPU cannot
/// run that kernel.
int lumen_sgemm_with_kernel(const char *kernel, int trans_a, int trans_b, int m, int n, int k,
                            float alpha, const float *a, int lda, const float *b, int ldb,
                            float beta, float *c, int ldc);

/// 1 when this CPU (and its OS) can run the named built-in micro-kernel, else 0.
int lumen_sgemm_kernel_supported(const char *kernel);

/// The backend in use: "accelerate", "openblas", "builtin-avx512", "builtin-avx2" or
/// "builtin-portable". Unless `LUMEN_BLAS` says otherwise, Lumen takes the fastest correct one
/// for the CPU: Accelerate on Apple; the built-in AVX-512 kernel on CPUs with AVX-512F enabled
/// by the OS (in optimized builds; a debug build prefers OpenBLAS); else OpenBLAS when
/// `libopenblas.so.0` loads; else the built-in AVX2/FMA kernel, or portable C.
/// `LUMEN_BLAS=openblas|builtin|avx512|avx2|portable` forces one (`builtin` is the best built-in
/// kernel for the CPU; `avx512-on-avx2` runs the AVX-512 kernel's code on an AVX2 CPU, slowly,
/// for tests); a choice the machine cannot honour falls back to the default, and
/// `lumen_blas_reason` says so.
const char *lumen_blas_backend(void);

/// Why that backend was chosen, in a sentence (for `lumen info`).
const char *lumen_blas_reason(void);

/// The micro-kernel `lumen_sgemm_builtin` uses: "avx512", "avx2", "portable" (or
/// "avx512-on-avx2" when forced).
const char *lumen_blas_builtin_kernel(void);

/// 1 when the backend threads a GEMM itself (Accelerate, OpenBLAS), 0 for the built-in kernel.
int lumen_blas_is_threaded(void);

/// Sets the number of threads the backend's own GEMM uses (OpenBLAS only; others ignore it).
void lumen_blas_set_threads(int threads);

#endif
