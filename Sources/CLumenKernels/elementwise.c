// Element-wise loops with ordinary stores, compiled twice: for AVX2 (eight floats a step,
// chosen at run time by lumen_kernels_use_avx2) and for the baseline target. Each element is
// computed exactly as the scalar expression; only the vector width differs. lumen_elementwise
// picks the loop for an op, or its streaming twin (streaming.c).
#include "elementwise_ops.h"

#if defined(__x86_64__)
#define LUMEN_AVX2 __attribute__((target("avx2")))
#define DISPATCH(avx2_call, plain_call) \
    if (lumen_kernels_use_avx2()) { avx2_call; } else { plain_call; }
#define DEFINE_AVX2(name, kind, expr) \
    static LUMEN_AVX2 void name##_avx2(LUMEN_LOOP_PARAMS) { for (long i = 0; i < n; i++) { LUMEN_LOAD_##kind(i) out[i] = (expr); } }
#else
#define DISPATCH(avx2_call, plain_call) plain_call;
#define DEFINE_AVX2(name, kind, expr)
#endif

#define DEFINE_LOOPS(code, name, kind, expr)                                                      \
    DEFINE_AVX2(name, kind, expr)                                                                 \
    static void name##_plain(LUMEN_LOOP_PARAMS) { for (long i = 0; i < n; i++) { LUMEN_LOAD_##kind(i) out[i] = (expr); } }
LUMEN_ELEMENTWISE_OPS(DEFINE_LOOPS)

void lumen_elementwise(lumen_op op, const float *a, const float *b, float s, float *out, long n, int streaming) {
    switch (op) {
#define CASE(code, name, kind, expr)                                                              \
    case code:                                                                                    \
        if (streaming) {                                                                          \
            lumen_stream_##name(a, b, s, out, n);                                                 \
        } else {                                                                                  \
            DISPATCH(name##_avx2(a, b, s, out, n), name##_plain(a, b, s, out, n))                 \
        }                                                                                         \
        return;
        LUMEN_ELEMENTWISE_OPS(CASE)
#undef CASE
    }
}
