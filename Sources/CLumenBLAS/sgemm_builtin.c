// The built-in GEMM: Goto-style blocking around a register-tiled micro-kernel. B is packed into
// KC×NR column panels, A (scaled by alpha) into MC×KC blocks of MR-row panels, and the
// micro-kernel accumulates each MR×NR tile of C. The tile shape and block sizes come with the
// kernel (`sgemm_kernels.h`). Single-threaded: callers split C across threads.
#include "sgemm_kernels.h"
#include <stdlib.h>
#include <string.h>

// The largest MR×NR of any kernel, for the scratch tile at ragged edges.
enum { MAX_TILE = 16 * 32 };

// op(A)[i][p] and op(B)[p][j] for row-major storage.
static inline float at_a(const float *a, int lda, int trans, int i, int p) {
    return trans ? a[(long)p * lda + i] : a[(long)i * lda + p];
}

static inline __attribute__((always_inline)) void pack_a_shape(const float *a, int lda, int trans, int i0, int mc, int p0, int kc, float alpha,
                   int mr, float *dst) {
    for (int ir = 0; ir < mc; ir += mr) {
        int rows = mc - ir < mr ? mc - ir : mr;
        for (int p = 0; p < kc; p++) {
            for (int i = 0; i < rows; i++) *dst++ = alpha * at_a(a, lda, trans, i0 + ir + i, p0 + p);
            for (int i = rows; i < mr; i++) *dst++ = 0;
        }
    }
}

static inline __attribute__((always_inline)) void pack_b_shape(const float *b, int ldb, int trans, int p0, int kc, int j0, int nc, int nr,
                   float *dst) {
    for (int jr = 0; jr < nc; jr += nr) {
        int cols = nc - jr < nr ? nc - jr : nr;
        for (int p = 0; p < kc; p++) {
            if (!trans && cols == nr) {
                memcpy(dst, b + (long)(p0 + p) * ldb + j0 + jr, (size_t)nr * sizeof(float));
                dst += nr;
                continue;
            }
            for (int j = 0; j < cols; j++)
                *dst++ = trans ? b[(long)(j0 + jr + j) * ldb + p0 + p] : b[(long)(p0 + p) * ldb + j0 + jr + j];
            for (int j = cols; j < nr; j++) *dst++ = 0;
        }
    }
}

/// Packing with the tile size as a constant, for the kernels' shapes, so its loops unroll.
static void pack_a(const float *a, int lda, int trans, int i0, int mc, int p0, int kc, float alpha,
                   int mr, float *dst) {
    if (mr == 6) pack_a_shape(a, lda, trans, i0, mc, p0, kc, alpha, 6, dst);
    else if (mr == 12) pack_a_shape(a, lda, trans, i0, mc, p0, kc, alpha, 12, dst);
    else pack_a_shape(a, lda, trans, i0, mc, p0, kc, alpha, mr, dst);
}

static void pack_b(const float *b, int ldb, int trans, int p0, int kc, int j0, int nc, int nr,
                   float *dst) {
    if (nr == 16) pack_b_shape(b, ldb, trans, p0, kc, j0, nc, 16, dst);
    else if (nr == 32) pack_b_shape(b, ldb, trans, p0, kc, j0, nc, 32, dst);
    else pack_b_shape(b, ldb, trans, p0, kc, j0, nc, nr, dst);
}

static void scale_c(int m, int n, float beta, float *c, int ldc) {
    if (beta == 1.0f) return;
    for (int i = 0; i < m; i++) {
        float *row = c + (long)i * ldc;
        if (beta == 0.0f) memset(row, 0, (size_t)n * sizeof(float));
        else for (int j = 0; j < n; j++) row[j] *= beta;
    }
}

/// Splits k into equal blocks of at most `limit` steps, so that no block is a short remainder
/// (k = 256 with a limit of 192 gives two blocks of 128, not 192 + 64).
static int k_block(int k, int limit) {
    int blocks = (k + limit - 1) / limit;
    return (k + blocks - 1) / blocks;
}

void lumen_sgemm_blocked(const lumen_sgemm_kernel *kernel, int trans_a, int trans_b, int m, int n,
                         int k, float alpha, const float *a, int lda, const float *b, int ldb,
                         float beta, float *c, int ldc) {
    if (m <= 0 || n <= 0) return;
    scale_c(m, n, beta, c, ldc);
    if (k <= 0 || alpha == 0.0f) return;
    const int mr = kernel->mr, nr = kernel->nr, kc_max = k_block(k, kernel->kc);
    const lumen_sgemm_tile_fn tile_kernel = kernel->tile;
    const int mc_max = m < kernel->mc ? (m + mr - 1) / mr * mr : kernel->mc;
    const int nc_max = n < kernel->nc ? (n + nr - 1) / nr * nr : kernel->nc;
    float *packed_a = aligned_alloc(64, sizeof(float) * (size_t)mc_max * (size_t)kc_max);
    float *packed_b = aligned_alloc(64, sizeof(float) * (size_t)kc_max * (size_t)nc_max);
    float edge[MAX_TILE] __attribute__((aligned(64)));
    for (int jc = 0; jc < n; jc += nc_max) {
        int nc = n - jc < nc_max ? n - jc : nc_max;
        for (int pc = 0; pc < k; pc += kc_max) {
            int kc = k - pc < kc_max ? k - pc : kc_max;
            pack_b(b, ldb, trans_b, pc, kc, jc, nc, nr, packed_b);
            for (int ic = 0; ic < m; ic += mc_max) {
                int mc = m - ic < mc_max ? m - ic : mc_max;
                pack_a(a, lda, trans_a, ic, mc, pc, kc, alpha, mr, packed_a);
                for (int jr = 0; jr < nc; jr += nr) {
                    int cols = nc - jr < nr ? nc - jr : nr;
                    const float *panel_b = packed_b + (long)jr * kc;
                    for (int ir = 0; ir < mc; ir += mr) {
                        int rows = mc - ir < mr ? mc - ir : mr;
                        const float *panel_a = packed_a + (long)ir * kc;
                        float *tile = c + (long)(ic + ir) * ldc + jc + jr;
                        if (rows == mr && cols == nr) {
                            tile_kernel(kc, panel_a, panel_b, tile, ldc);
                            continue;
                        }
                        memset(edge, 0, sizeof(float) * (size_t)(mr * nr));
                        tile_kernel(kc, panel_a, panel_b, edge, nr);
                        for (int i = 0; i < rows; i++)
                            for (int j = 0; j < cols; j++) tile[(long)i * ldc + j] += edge[i * nr + j];
                    }
                }
            }
        }
    }
    free(packed_a);
    free(packed_b);
}
