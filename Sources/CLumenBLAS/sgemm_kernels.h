#ifndef CLUMEN_SGEMM_KERNELS_H
#define CLUMEN_SGEMM_KERNELS_H

/// C[0..<mr][0..<nr] (row stride ldc) += A-panel · B-panel over kc steps. The A panel holds kc
/// groups of mr values (one per row of C), the B panel kc groups of nr values, 64-byte aligned.
typedef void (*lumen_sgemm_tile_fn)(int kc, const float *a, const float *b, float *c, long ldc);

/// A micro-kernel and the blocking the built-in GEMM uses with it: KC steps of k per packed
/// block, MC rows of A and NC columns of B per packed block (multiples of MR and NR).
typedef struct {
    const char *name;
    int mr, nr, kc, mc, nc;
    lumen_sgemm_tile_fn tile;
    /// Whether this CPU can run the tile.
    int (*supported)(void);
} lumen_sgemm_kernel;

/// 6×16, plain C: any CPU.
extern const lumen_sgemm_kernel lumen_sgemm_kernel_portable;
/// 6×16 in AVX2 registers with FMA.
extern const lumen_sgemm_kernel lumen_sgemm_kernel_avx2;
/// 12×32 in AVX-512 registers.
extern const lumen_sgemm_kernel lumen_sgemm_kernel_avx512;
/// The AVX-512 kernel's source and blocking compiled for AVX2 (each 16-float vector in two
/// registers): slow, but runs the AVX-512 kernel's code on CPUs without AVX-512, for tests.
extern const lumen_sgemm_kernel lumen_sgemm_kernel_avx512_on_avx2;

/// The built-in blocked GEMM (row-major C = alpha · op(A) · op(B) + beta · C) with `kernel`.
void lumen_sgemm_blocked(const lumen_sgemm_kernel *kernel, int trans_a, int trans_b, int m, int n,
                         int k, float alpha, const float *a, int lda, const float *b, int ldb,
                         float beta, float *c, int ldc);

#endif
