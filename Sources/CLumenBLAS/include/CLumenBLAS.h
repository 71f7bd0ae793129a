#ifndef CLUMEN_BLAS_H
#define CLUMEN_BLAS_H

/// Row-major single-precision GEMM: C = alpha · op(A) · op(B) + beta · C, where op(X) is X or
/// its transpose (`trans_a` / `trans_b` non-zero), op(A) is m×k, op(B) is k×n and C is m×n.
/// The backend is chosen once, at the first call (see `lumen_blas_backend`).
void lumen_sgemm(int trans_a, int trans_b, int m, int n, int k, float alpha,
                 const float *a, int lda, const float *b, int ldb,
                 float beta, float *c, int ldc);

/// The built-in cache-blocked kernel, whatever the chosen backend: single-threaded, so callers
/// may split rows of C across threads.
void lumen_sgemm_builtin(int trans_a, int trans_b, int m, int n, int k, float alpha,
                         const float *a, int lda, const float *b, int ldb,
                         float beta, float *c, int ldc);

/// The backend in use: "accelerate", "openblas" or "builtin-avx2" / "builtin-portable".
/// `LUMEN_BLAS=builtin|openblas` in the environment forces one.
const char *lumen_blas_backend(void);

/// 1 when the backend threads a GEMM itself (Accelerate, OpenBLAS), 0 for the built-in kernel.
int lumen_blas_is_threaded(void);

/// Sets the number of threads the backend's own GEMM uses (OpenBLAS only; others ignore it).
void lumen_blas_set_threads(int threads);

#endif
