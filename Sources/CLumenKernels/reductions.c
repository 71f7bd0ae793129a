// Reductions and pooling loops that LumenTensor runs over whole activations: sums, batch
// normalization's per-channel statistics and gradient sums, and max pooling. They live in C so
// that they run at a useful speed in debug builds too (Swift's SIMD types and range iteration
// cost a generic call per step there), and keep the same summation order in every build.
#include "CLumenKernels.h"

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

void lumen_max_pool_planes(const float *x, long height, long width, const lumen_pool_window *window,
                           long first, long last, float *values, float *indices) {
    long out_area = window->out_height * window->out_width;
    for (long p = first; p < last; p++) {
        const float *plane = x + p * height * width;
        long o = p * out_area;
        for (long oh = 0; oh < window->out_height; oh++) {
            long row_lo = window->row_taps[2 * oh], row_hi = window->row_taps[2 * oh + 1];
            long top = oh * window->stride_h - window->pad_h;
            for (long ow = 0; ow < window->out_width; ow++, o++) {
                long col_lo = window->column_taps[2 * ow], col_hi = window->column_taps[2 * ow + 1];
                long left = ow * window->stride_w - window->pad_w;
                float best = -__builtin_inff();
                long at = -1;
                if (row_lo < row_hi && col_lo < col_hi) {
                    // The maximum, then the first position holding it; NaN wins, as in torch.
                    best = plane[(top + row_lo * window->dilation_h) * width + left + col_lo * window->dilation_w];
                    int nan = 0;
                    for (long ki = row_lo; ki < row_hi; ki++) {
                        const float *row = plane + (top + ki * window->dilation_h) * width + left;
                        for (long kj = col_lo; kj < col_hi; kj++) {
                            float v = row[kj * window->dilation_w];
                            best = v > best ? v : best;
                            nan |= v != v;
                        }
                    }
                    for (long ki = row_hi - 1; ki >= row_lo; ki--) {
                        long row_start = (top + ki * window->dilation_h) * width + left;
                        for (long kj = col_hi - 1; kj >= col_lo; kj--) {
                            long position = row_start + kj * window->dilation_w;
                            float v = plane[position];
                            at = (nan ? v != v : v == best) ? position : at;
                        }
                    }
                    best = plane[at];
                }
                values[o] = best;
                indices[o] = (float)at;
            }
        }
    }
}
