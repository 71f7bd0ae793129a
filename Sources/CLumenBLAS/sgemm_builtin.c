// The built-in GEMM: Goto-style blocking. B is packed into KC×NR column panels, A (scaled by
// alpha) into MC×KC row panels of MR rows, and a register-tiled MR×NR micro-kernel accumulates
// into C. The AVX2/FMA micro-kernel is compiled through a per-function target attribute and
// chosen at run time, so the package needs no compiler flags; the portable one is plain C.
#include "CLumenBLAS.h"
#include "sgemm_builtin.h"
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#if defined(__x86_64__)
#include <immintrin.h>
#endif

enum { MR = 6, NR = 16, KC = 256, MC = 96, NC = 2048 };

typedef void (*micro_kernel_fn)(int kc, const float *a, const float *b, float *c, int ldc);

static void kernel_portable(int kc, const float *a, const float *b, float *c, int ldc) {
    float acc[MR][NR] = {{0}};
    for (int p = 0; p < kc; p++, a += MR, b += NR) {
        for (int i = 0; i < MR; i++) {
            float ai = a[i];
            for (int j = 0; j < NR; j++) acc[i][j] += ai * b[j];
        }
    }
    for (int i = 0; i < MR; i++)
        for (int j = 0; j < NR; j++) c[i * ldc + j] += acc[i][j];
}

#if defined(__x86_64__)
__attribute__((target("avx2,fma")))
static void kernel_avx2(int kc, const float *a, const float *b, float *c, int ldc) {
    __m256 c00 = _mm256_setzero_ps(), c01 = _mm256_setzero_ps();
    __m256 c10 = _mm256_setzero_ps(), c11 = _mm256_setzero_ps();
    __m256 c20 = _mm256_setzero_ps(), c21 = _mm256_setzero_ps();
    __m256 c30 = _mm256_setzero_ps(), c31 = _mm256_setzero_ps();
    __m256 c40 = _mm256_setzero_ps(), c41 = _mm256_setzero_ps();
    __m256 c50 = _mm256_setzero_ps(), c51 = _mm256_setzero_ps();
    for (int p = 0; p < kc; p++, a += MR, b += NR) {
        __m256 b0 = _mm256_load_ps(b), b1 = _mm256_load_ps(b + 8);
        __m256 x = _mm256_broadcast_ss(a + 0);
        c00 = _mm256_fmadd_ps(x, b0, c00); c01 = _mm256_fmadd_ps(x, b1, c01);
        x = _mm256_broadcast_ss(a + 1);
        c10 = _mm256_fmadd_ps(x, b0, c10); c11 = _mm256_fmadd_ps(x, b1, c11);
        x = _mm256_broadcast_ss(a + 2);
        c20 = _mm256_fmadd_ps(x, b0, c20); c21 = _mm256_fmadd_ps(x, b1, c21);
        x = _mm256_broadcast_ss(a + 3);
        c30 = _mm256_fmadd_ps(x, b0, c30); c31 = _mm256_fmadd_ps(x, b1, c31);
        x = _mm256_broadcast_ss(a + 4);
        c40 = _mm256_fmadd_ps(x, b0, c40); c41 = _mm256_fmadd_ps(x, b1, c41);
        x = _mm256_broadcast_ss(a + 5);
        c50 = _mm256_fmadd_ps(x, b0, c50); c51 = _mm256_fmadd_ps(x, b1, c51);
    }
#define LUMEN_STORE_ROW(i, lo, hi)                                                          \
    _mm256_storeu_ps(c + (i) * ldc, _mm256_add_ps(_mm256_loadu_ps(c + (i) * ldc), lo));     \
    _mm256_storeu_ps(c + (i) * ldc + 8, _mm256_add_ps(_mm256_loadu_ps(c + (i) * ldc + 8), hi));
    LUMEN_STORE_ROW(0, c00, c01)
    LUMEN_STORE_ROW(1, c10, c11)
    LUMEN_STORE_ROW(2, c20, c21)
    LUMEN_STORE_ROW(3, c30, c31)
    LUMEN_STORE_ROW(4, c40, c41)
    LUMEN_STORE_ROW(5, c50, c51)
#undef LUMEN_STORE_ROW
}
#endif

static micro_kernel_fn micro_kernel = kernel_portable;
static const char *kernel_name = "builtin-portable";
static pthread_once_t kernel_once = PTHREAD_ONCE_INIT;

static void choose_kernel(void) {
#if defined(__x86_64__)
    __builtin_cpu_init();
    if (__builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma")) {
        micro_kernel = kernel_avx2;
        kernel_name = "builtin-avx2";
    }
#endif
}

const char *lumen_sgemm_builtin_name(void) {
    pthread_once(&kernel_once, choose_kernel);
    return kernel_name;
}

// op(A)[i][p] and op(B)[p][j] for row-major storage.
static inline float at_a(const float *a, int lda, int trans, int i, int p) {
    return trans ? a[(long)p * lda + i] : a[(long)i * lda + p];
}

static void pack_a(const float *a, int lda, int trans, int i0, int mc, int p0, int kc, float alpha,
                   float *dst) {
    for (int ir = 0; ir < mc; ir += MR) {
        int rows = mc - ir < MR ? mc - ir : MR;
        for (int p = 0; p < kc; p++) {
            for (int i = 0; i < rows; i++) *dst++ = alpha * at_a(a, lda, trans, i0 + ir + i, p0 + p);
            for (int i = rows; i < MR; i++) *dst++ = 0;
        }
    }
}

static void pack_b(const float *b, int ldb, int trans, int p0, int kc, int j0, int nc, float *dst) {
    for (int jr = 0; jr < nc; jr += NR) {
        int cols = nc - jr < NR ? nc - jr : NR;
        for (int p = 0; p < kc; p++) {
            if (!trans && cols == NR) {
                memcpy(dst, b + (long)(p0 + p) * ldb + j0 + jr, NR * sizeof(float));
                dst += NR;
                continue;
            }
            for (int j = 0; j < cols; j++)
                *dst++ = trans ? b[(long)(j0 + jr + j) * ldb + p0 + p] : b[(long)(p0 + p) * ldb + j0 + jr + j];
            for (int j = cols; j < NR; j++) *dst++ = 0;
        }
    }
}

static void scale_c(int m, int n, float beta, float *c, int ldc) {
    if (beta == 1.0f) return;
    for (int i = 0; i < m; i++) {
        float *row = c + (long)i * ldc;
        if (beta == 0.0f) memset(row, 0, (size_t)n * sizeof(float));
        else for (int j = 0; j < n; j++) row[j] *= beta;
    }
}

void lumen_sgemm_builtin(int trans_a, int trans_b, int m, int n, int k, float alpha,
                         const float *a, int lda, const float *b, int ldb,
                         float beta, float *c, int ldc) {
    pthread_once(&kernel_once, choose_kernel);
    if (m <= 0 || n <= 0) return;
    scale_c(m, n, beta, c, ldc);
    if (k <= 0 || alpha == 0.0f) return;
    float *packed_a = aligned_alloc(64, sizeof(float) * MC * KC);
    float *packed_b = aligned_alloc(64, sizeof(float) * KC * NC);
    float edge[MR * NR];
    for (int jc = 0; jc < n; jc += NC) {
        int nc = n - jc < NC ? n - jc : NC;
        for (int pc = 0; pc < k; pc += KC) {
            int kc = k - pc < KC ? k - pc : KC;
            pack_b(b, ldb, trans_b, pc, kc, jc, nc, packed_b);
            for (int ic = 0; ic < m; ic += MC) {
                int mc = m - ic < MC ? m - ic : MC;
                pack_a(a, lda, trans_a, ic, mc, pc, kc, alpha, packed_a);
                for (int jr = 0; jr < nc; jr += NR) {
                    int cols = nc - jr < NR ? nc - jr : NR;
                    const float *panel_b = packed_b + (long)jr * kc;
                    for (int ir = 0; ir < mc; ir += MR) {
                        int rows = mc - ir < MR ? mc - ir : MR;
                        const float *panel_a = packed_a + (long)ir * kc;
                        float *tile = c + (long)(ic + ir) * ldc + jc + jr;
                        if (rows == MR && cols == NR) {
                            micro_kernel(kc, panel_a, panel_b, tile, ldc);
                            continue;
                        }
                        memset(edge, 0, sizeof edge);
                        micro_kernel(kc, panel_a, panel_b, edge, NR);
                        for (int i = 0; i < rows; i++)
                            for (int j = 0; j < cols; j++) tile[(long)i * ldc + j] += edge[i * NR + j];
                    }
                }
            }
        }
    }
    free(packed_a);
    free(packed_b);
}
