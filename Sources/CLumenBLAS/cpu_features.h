#ifndef CLUMEN_CPU_FEATURES_H
#define CLUMEN_CPU_FEATURES_H

/// 1 when the CPU has AVX2 and FMA and the OS saves the YMM registers, else 0.
int lumen_cpu_has_avx2_fma(void);

/// 1 when the CPU has AVX-512F and the OS saves the ZMM and mask registers, else 0.
int lumen_cpu_has_avx512f(void);

#endif
