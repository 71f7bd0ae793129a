// The 12×32 AVX-512 micro-kernel: 24 ZMM accumulators (12 rows × two 16-float vectors), two B
// vectors and one broadcast of A, out of 32 registers; two independent FMA chains per broadcast
// and 24 in flight hide the FMA latency at two FMAs a cycle.
//
// Written once with Clang's 16-float vectors and compiled twice: for AVX-512 (one ZMM register
// per vector, embedded broadcasts) and for AVX2 (each vector in two YMM registers, spilling),
// so the same code is tested on CPUs without AVX-512.
//
// Blocking: a KC×NR panel of B (24 KiB at KC = 192) stays in L1 while the MR×KC panels of A
// stream from an MC×KC block of A in L2 (288 KiB at MC = 384; L2 is 1–2 MiB a core on the CPUs
// this is for), and the KC×NC block of B (3 MiB) in L3.
#include "sgemm_kernels.h"
#include "cpu_features.h"

enum { MR = 12, NR = 32, KC = 192, MC = 384, NC = 4096 };

#if defined(__x86_64__)
typedef float float16v __attribute__((ext_vector_type(16)));
typedef float16v float16v_unaligned __attribute__((aligned(4)));

static inline __attribute__((always_inline))
void tile_12x32(int kc, const float *a, const float *b, float *c, long ldc) {
    float16v acc[MR][2] = {};
    for (int p = 0; p < kc; p++, a += MR, b += NR) {
        float16v b0 = *(const float16v *)b, b1 = *(const float16v *)(b + 16);
#pragma clang loop unroll(full)
        for (int i = 0; i < MR; i++) {
            float16v x = a[i];
            acc[i][0] = __builtin_elementwise_fma(x, b0, acc[i][0]);
            acc[i][1] = __builtin_elementwise_fma(x, b1, acc[i][1]);
        }
    }
#pragma clang loop unroll(full)
    for (int i = 0; i < MR; i++) {
        *(float16v_unaligned *)(c + i * ldc) += acc[i][0];
        *(float16v_unaligned *)(c + i * ldc + 16) += acc[i][1];
    }
}

__attribute__((target("avx512f")))
static void tile_avx512(int kc, const float *a, const float *b, float *c, long ldc) {
    tile_12x32(kc, a, b, c, ldc);
}

__attribute__((target("avx2,fma")))
static void tile_avx512_on_avx2(int kc, const float *a, const float *b, float *c, long ldc) {
    tile_12x32(kc, a, b, c, ldc);
}
#define TILE tile_avx512
#define TILE_ON_AVX2 tile_avx512_on_avx2
#else
#define TILE 0
#define TILE_ON_AVX2 0
#endif

const lumen_sgemm_kernel lumen_sgemm_kernel_avx512 = {
    .name = "avx512", .mr = MR, .nr = NR, .kc = KC, .mc = MC, .nc = NC,
    .tile = TILE, .supported = lumen_cpu_has_avx512f,
};

const lumen_sgemm_kernel lumen_sgemm_kernel_avx512_on_avx2 = {
    .name = "avx512-on-avx2", .mr = MR, .nr = NR, .kc = KC, .mc = MC, .nc = NC,
    .tile = TILE_ON_AVX2, .supported = lumen_cpu_has_avx2_fma,
};
