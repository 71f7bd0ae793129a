// The 6×16 micro-kernel in plain C, for CPUs without AVX2.
#include "sgemm_kernels.h"

enum { MR = 6, NR = 16 };

static void tile_portable(int kc, const float *a, const float *b, float *c, long ldc) {
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

static int always(void) { return 1; }

const lumen_sgemm_kernel lumen_sgemm_kernel_portable = {
    .name = "portable", .mr = MR, .nr = NR, .kc = 256, .mc = 96, .nc = 2048,
    .tile = tile_portable, .supported = always,
};
