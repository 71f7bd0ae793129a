// The element-wise ops of lumen_elementwise, listed once for both loop flavours (ordinary
// stores in elementwise.c, streaming stores in streaming.c):
//   OP(code, name, LOOP, expression)
// where LOOP is READS_B for ops of a[i] and b[i] (x and y) and READS_A for ops of a[i] (x) and
// the scalar s.
#ifndef CLUMEN_ELEMENTWISE_OPS_H
#define CLUMEN_ELEMENTWISE_OPS_H

#include "CLumenKernels.h"

#define LUMEN_ELEMENTWISE_OPS(OP)                             \
    OP(LUMEN_ADD, add, READS_B, x + y)                        \
    OP(LUMEN_SUB, sub, READS_B, x - y)                        \
    OP(LUMEN_MUL, mul, READS_B, x * y)                        \
    OP(LUMEN_DIV, div, READS_B, x / y)                        \
    OP(LUMEN_RELU_GRADIENT, relu_gradient, READS_B, y > 0 ? x : 0) \
    OP(LUMEN_RELU, relu, READS_A, x > 0 ? x : 0)              \
    OP(LUMEN_NEG, neg, READS_A, -x)                           \
    OP(LUMEN_SCALE, scale, READS_A, x * s)                    \
    OP(LUMEN_SHIFT, shift, READS_A, x + s)

/// The parameters of every loop.
#define LUMEN_LOOP_PARAMS const float *restrict a, const float *restrict b, float s, float *restrict out, long n

/// The element at i into x (and y).
#define LUMEN_LOAD_READS_A(i) float x = a[(i)]; (void)b; (void)s;
#define LUMEN_LOAD_READS_B(i) float x = a[(i)], y = b[(i)]; (void)s;

#define LUMEN_DECLARE_STREAM(code, name, kind, expr) void lumen_stream_##name(LUMEN_LOOP_PARAMS);
LUMEN_ELEMENTWISE_OPS(LUMEN_DECLARE_STREAM)
#undef LUMEN_DECLARE_STREAM

#endif
