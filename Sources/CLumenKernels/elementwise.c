// Element-wise loops with ordinary stores, compiled twice: for AVX2 (eight floats a step,
// chosen at run time when the CPU has it) and for the baseline target. Each element is
// computed exactly as the scalar expression; only the vector width differs.
#include "CLumenKernels.h"

#if defined(__x86_64__)
#define LUMEN_AVX2 __attribute__((target("avx2")))
static int has_avx2(void) {
    static int known = -1;
    if (known < 0) known = __builtin_cpu_supports("avx2") ? 1 : 0;
    return known;
}
#define DISPATCH(avx2_call, plain_call) \
    if (has_avx2()) { avx2_call; } else { plain_call; }
#else
#define DISPATCH(avx2_call, plain_call) plain_call;
#endif

#if defined(__x86_64__)
#define DEFINE_AVX2(kind, name, params, body) static LUMEN_AVX2 void name##_avx2 params body
#else
#define DEFINE_AVX2(kind, name, params, body)
#endif

#define BINARY(name, expr)                                                                        \
    DEFINE_AVX2(binary, name, (const float *restrict a, const float *restrict b, float *restrict out, long n), \
                { for (long i = 0; i < n; i++) { float x = a[i]; float y = b[i]; out[i] = (expr); } })  \
    static void name##_plain(const float *restrict a, const float *restrict b, float *restrict out, long n) { \
        for (long i = 0; i < n; i++) { float x = a[i], y = b[i]; out[i] = (expr); }              \
    }                                                                                             \
    void name(const float *a, const float *b, float *out, long n) {                               \
        DISPATCH(name##_avx2(a, b, out, n), name##_plain(a, b, out, n))                           \
    }

#define UNARY(name, expr)                                                                         \
    DEFINE_AVX2(unary, name, (const float *restrict a, float *restrict out, long n),             \
                { for (long i = 0; i < n; i++) { float x = a[i]; out[i] = (expr); } })            \
    static void name##_plain(const float *restrict a, float *restrict out, long n) {             \
        for (long i = 0; i < n; i++) { float x = a[i]; out[i] = (expr); }                        \
    }                                                                                             \
    void name(const float *a, float *out, long n) {                                               \
        DISPATCH(name##_avx2(a, out, n), name##_plain(a, out, n))                                 \
    }

#define WITH_SCALAR(name, expr)                                                                   \
    DEFINE_AVX2(scalar, name, (const float *restrict a, float s, float *restrict out, long n),   \
                { for (long i = 0; i < n; i++) { float x = a[i]; out[i] = (expr); } })            \
    static void name##_plain(const float *restrict a, float s, float *restrict out, long n) {    \
        for (long i = 0; i < n; i++) { float x = a[i]; out[i] = (expr); }                        \
    }                                                                                             \
    void name(const float *a, float s, float *out, long n) {                                      \
        DISPATCH(name##_avx2(a, s, out, n), name##_plain(a, s, out, n))                           \
    }

BINARY(lumen_add, x + y)
BINARY(lumen_sub, x - y)
BINARY(lumen_mul, x * y)
BINARY(lumen_div, x / y)
BINARY(lumen_relu_gradient, y > 0 ? x : 0)
UNARY(lumen_relu, x > 0 ? x : 0)
UNARY(lumen_neg, -x)
WITH_SCALAR(lumen_scale, x * s)
WITH_SCALAR(lumen_shift, x + s)
