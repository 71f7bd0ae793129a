// Which instruction set CLumenKernels' loops use: AVX2 + FMA when the CPU has both, unless
// LUMEN_CPU=baseline asks for the loops compiled for the baseline target (to test them, or to
// compare). Decided once per process.
#include "CLumenKernels.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

static pthread_once_t once = PTHREAD_ONCE_INIT;
static int decided;
static const char *why;

static void decide(void) {
    const char *forced = getenv("LUMEN_CPU");
#if defined(__x86_64__)
    const int has = __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
#else
    const int has = 0;
#endif
    if (forced && strcmp(forced, "baseline") == 0) {
        decided = 0;
        why = "LUMEN_CPU=baseline";
    } else if (has) {
        decided = 1;
        why = forced && *forced ? "the CPU has AVX2 and FMA (LUMEN_CPU names no lower level)" : "the CPU has AVX2 and FMA";
    } else {
        decided = 0;
        why = "the CPU lacks AVX2 or FMA";
    }
}

int lumen_kernels_use_avx2(void) {
    pthread_once(&once, decide);
    return decided;
}

const char *lumen_kernels_reason(void) {
    pthread_once(&once, decide);
    return why;
}
