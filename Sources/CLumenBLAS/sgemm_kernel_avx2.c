// The 6×16 AVX2/FMA micro-kernel: twelve YMM accumulators, two B vectors and one broadcast of A.
// Compiled through a per-function target attribute, so the package needs no compiler flags.
#include "sgemm_kernels.h"
#include "cpu_features.h"

enum { MR = 6, NR = 16 };

#if defined(__x86_64__)
#include <immintrin.h>

__attribute__((target("avx2,fma")))
static void tile_avx2(int kc, const float *a, const float *b, float *c, long ldc) {
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
#define TILE tile_avx2
#else
#define TILE 0
#endif

const lumen_sgemm_kernel lumen_sgemm_kernel_avx2 = {
    .name = "avx2", .mr = MR, .nr = NR, .kc = 256, .mc = 96, .nc = 2048,
    .tile = TILE, .supported = lumen_cpu_has_avx2_fma,
};
