// Reductions and pooling loops that LumenTensor runs over whole activations: sums, batch
// normalization's per-channel statistics and gradient sums, and max pooling. They live in C so
// that they run at a useful speed in debug builds too (Swift's SIMD types and range iteration
// cost a generic call per step there), and keep the same summation order in every build.
#include "CLumenKernels.h"
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

float lumen_sum(const float *p, long n) {
    float lanes[8] = {0, 0, 0, 0, 0, 0, 0, 0};
    long i = 0;
    for (; i + 8 <= n; i += 8) {
        for (int k = 0; k < 8; k++) lanes[k] += p[i + k];
    }
    float total = ((lanes[0] + lanes[4]) + (lanes[2] + lanes[6])) + ((lanes[1] + lanes[5]) + (lanes[3] + lanes[7]));
    for (; i < n; i++) total += p[i];
    return total;
}

/// Σ (x − mean)² over n values, in double precision with four running sums.
static double squared_deviations(const float *x, long n, double mean) {
    double lanes[4] = {0, 0, 0, 0};
    long i = 0;
    for (; i + 4 <= n; i += 4) {
        for (int k = 0; k < 4; k++) {
            double d = (double)x[i + k] - mean;
            lanes[k] += d * d;
        }
    }
    double total = (lanes[0] + lanes[2]) + (lanes[1] + lanes[3]);
    for (; i < n; i++) {
        double d = (double)x[i] - mean;
        total += d * d;
    }
    return total;
}

void lumen_channel_statistics(const float *x, long channels, long outer, long inner, long first, long last,
                              float *mean, float *squares) {
    double count = (double)outer * (double)inner;
    for (long ch = first; ch < last; ch++) {
        double total = 0;
        for (long o = 0; o < outer; o++) total += (double)lumen_sum(x + (o * channels + ch) * inner, inner);
        double m = total / count, deviations = 0;
        for (long o = 0; o < outer; o++) deviations += squared_deviations(x + (o * channels + ch) * inner, inner, m);
        mean[ch] = (float)m;
        squares[ch] = (float)deviations;
    }
}

void lumen_channel_gradient_sums(const float *grad, const float *normalized, long channels, long outer, long inner,
                                 long first, long last, float *sum_grad, float *sum_grad_normalized) {
    for (long ch = first; ch < last; ch++) {
        float a[8] = {0, 0, 0, 0, 0, 0, 0, 0}, b[8] = {0, 0, 0, 0, 0, 0, 0, 0};
        float tail_a = 0, tail_b = 0;
        for (long o = 0; o < outer; o++) {
            const float *g = grad + (o * channels + ch) * inner, *x = normalized + (o * channels + ch) * inner;
            long i = 0;
            for (; i + 8 <= inner; i += 8) {
                for (int k = 0; k < 8; k++) {
                    a[k] += g[i + k];
                    b[k] += g[i + k] * x[i + k];
                }
            }
            for (; i < inner; i++) {
                tail_a += g[i];
                tail_b += g[i] * x[i];
            }
        }
        sum_grad[ch] = ((a[0] + a[4]) + (a[2] + a[6])) + ((a[1] + a[5]) + (a[3] + a[7])) + tail_a;
        sum_grad_normalized[ch] = ((b[0] + b[4]) + (b[2] + b[6])) + ((b[1] + b[5]) + (b[3] + b[7])) + tail_b;
    }
}

/// Replaces *best and *where with v and position when v > *best or v is NaN. Which tap wins is
/// data: compilers turn a plain float select into a branch, and its mispredictions made max
/// pooling several times slower, so x86 selects with SSE masks.
static inline __attribute__((always_inline)) void take_if_larger(float v, long position, float *best, long *where) {
#if defined(__SSE2__)
    const __m128 value = _mm_set_ss(v), current = _mm_set_ss(*best);
    const __m128 take = _mm_or_ps(_mm_cmpgt_ss(value, current), _mm_cmpunord_ss(value, value));
    *best = _mm_cvtss_f32(_mm_or_ps(_mm_and_ps(take, value), _mm_andnot_ps(take, current)));
    const long mask = (long)_mm_cvtsi128_si32(_mm_castps_si128(take));
    *where = (position & mask) | (*where & ~mask);
#else
    if (v > *best || v != v) {
        *best = v;
        *where = position;
    }
#endif
}

/// The maximum of the taps ki < row_hi, kj < col_hi (from row_lo, col_lo) of the window whose
/// top-left tap is at `origin`, and its position, by torch's rule in row-major order: a larger
/// value or any NaN takes the place, so ties keep the first position and the last NaN wins.
/// Inlined with constant bounds, the loops unroll into straight-line code.
static inline __attribute__((always_inline)) float window_max(const float *restrict plane, long origin, long width,
                                                              long row_lo, long row_hi, long col_lo, long col_hi,
                                                              long dilation_h, long dilation_w, long *at) {
    float best = -__builtin_inff();
    long where = origin + row_lo * dilation_h * width + col_lo * dilation_w;
    for (long ki = row_lo; ki < row_hi; ki++) {
        const long row_start = origin + ki * dilation_h * width;
        for (long kj = col_lo; kj < col_hi; kj++) {
            const long position = row_start + kj * dilation_w;
            take_if_larger(plane[position], position, &best, &where);
        }
    }
    *at = where;
    return best;
}

/// Max pooling of planes first..<last with a kernel of kh × kw taps: windows wholly inside the
/// input take the fixed-size path (straight-line code when kh and kw are constants), the
/// others their clipped tap ranges.
static inline __attribute__((always_inline)) void max_pool_planes(
    const float *restrict x, long height, long width, const lumen_pool_window *window, long kh, long kw,
    long first, long last, float *restrict values, float *restrict indices) {
    // The window's fields in locals: the stores below could otherwise alias them, and every
    // output would read them again.
    const long out_height = window->out_height, out_width = window->out_width;
    const long stride_h = window->stride_h, stride_w = window->stride_w, pad_h = window->pad_h, pad_w = window->pad_w;
    const long dilation_h = window->dilation_h, dilation_w = window->dilation_w;
    const long *restrict row_taps = window->row_taps, *restrict column_taps = window->column_taps;
    long o = first * out_height * out_width;
    for (long p = first; p < last; p++) {
        const float *restrict plane = x + p * height * width;
        for (long oh = 0; oh < out_height; oh++) {
            const long row_lo = row_taps[2 * oh], row_hi = row_taps[2 * oh + 1];
            const long top = oh * stride_h - pad_h;
            const int full_rows = row_lo == 0 && row_hi == kh;
            for (long ow = 0; ow < out_width; ow++, o++) {
                const long col_lo = column_taps[2 * ow], col_hi = column_taps[2 * ow + 1];
                const long origin = top * width + ow * stride_w - pad_w;
                float best = -__builtin_inff();
                long at = -1;
                if (full_rows && col_lo == 0 && col_hi == kw) {
                    best = window_max(plane, origin, width, 0, kh, 0, kw, dilation_h, dilation_w, &at);
                } else if (row_lo < row_hi && col_lo < col_hi) {
                    best = window_max(plane, origin, width, row_lo, row_hi, col_lo, col_hi, dilation_h, dilation_w, &at);
                }
                values[o] = best;
                indices[o] = (float)at;
            }
        }
    }
}

void lumen_max_pool_planes(const float *x, long height, long width, const lumen_pool_window *window, long kernel_h,
                           long kernel_w, long first, long last, float *values, float *indices) {
    if (kernel_h == 2 && kernel_w == 2) {
        max_pool_planes(x, height, width, window, 2, 2, first, last, values, indices);
    } else if (kernel_h == 3 && kernel_w == 3) {
        max_pool_planes(x, height, width, window, 3, 3, first, last, values, indices);
    } else {
        max_pool_planes(x, height, width, window, kernel_h, kernel_w, first, last, values, indices);
    }
}
