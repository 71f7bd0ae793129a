// Direct convolution for layers with few channels, where im2col + GEMM spends its time packing
// and calling the GEMM on matrices a few rows tall. Output channels sit in the vector lanes
// (weights laid out [C][KH][KW][Kpad], Kpad = K rounded up to 8), a tile of output positions
// in registers, and every kernel tap is one weight load and one broadcast per position. Compiled
// twice: for AVX2 + FMA (chosen at run time by lumen_kernels_use_avx2) and for the baseline target.
#include "CLumenKernels.h"

typedef float v8 __attribute__((vector_size(32), aligned(4)));

// Macros rather than functions: a function returning a 32-byte vector would change the ABI
// of the baseline build.
#define LOAD8(p) ({ v8 loaded_; __builtin_memcpy(&loaded_, (p), sizeof loaded_); loaded_; })
#define STORE8(p, v) do { v8 stored_ = (v); __builtin_memcpy((p), &stored_, sizeof stored_); } while (0)
#define SPLAT8(x) ({ const float splat_ = (x); (v8){splat_, splat_, splat_, splat_, splat_, splat_, splat_, splat_}; })

/// P output positions (ow0 ..< ow0 + P of row oh) × V vectors of output channels from kb:
/// Σ over channels and taps, plus the bias, written to the [K][OH][OW] output.
static inline __attribute__((always_inline)) void forward_tile(const lumen_conv_shape *s, const float *restrict x,
                                                               const float *restrict wt, const float *restrict bias,
                                                               float *restrict out, long oh, long ow0, long kb,
                                                               const int P, const int V) {
    const long kpad = (s->out_channels + 7) / 8 * 8, plane = s->in_height * s->in_width;
    v8 acc[12][2];
    for (int p = 0; p < P; p++)
        for (int v = 0; v < V; v++) acc[p][v] = SPLAT8(0);
    for (long c = 0; c < s->channels; c++) {
        for (long ki = 0; ki < s->kernel_h; ki++) {
            const float *row = x + c * plane + (oh * s->stride_h + ki * s->dilation_h) * s->in_width + ow0 * s->stride_w;
            const float *w = wt + ((c * s->kernel_h + ki) * s->kernel_w) * kpad + kb;
            for (long kj = 0; kj < s->kernel_w; kj++, w += kpad) {
                const float *tap = row + kj * s->dilation_w;
                v8 w0 = LOAD8(w), w1 = V > 1 ? LOAD8(w + 8) : w0;
                for (int p = 0; p < P; p++) {
                    const v8 xv = SPLAT8(tap[p * s->stride_w]);
                    acc[p][0] += xv * w0;
                    if (V > 1) acc[p][1] += xv * w1;
                }
            }
        }
    }
    const long out_area = s->out_height * s->out_width;
    float *base = out + oh * s->out_width + ow0;
    for (int v = 0; v < V; v++) {
        for (int lane = 0; lane < 8; lane++) {
            const long k = kb + v * 8 + lane;
            if (k >= s->out_channels) break;
            const float b = bias ? bias[k] : 0;
            for (int p = 0; p < P; p++) base[k * out_area + p] = acc[p][v][lane] + b;
        }
    }
}

/// Rows row_first ..< row_last of one image's output, every output channel.
static inline __attribute__((always_inline)) void forward_rows(const lumen_conv_shape *s, const float *x, const float *wt,
                                                               const float *bias, float *out, long row_first, long row_last) {
    const long kpad = (s->out_channels + 7) / 8 * 8;
    for (long kb = 0; kb < kpad;) {
        const int two = kpad - kb >= 16;
        for (long oh = row_first; oh < row_last; oh++) {
            long ow = 0;
            if (two) {
                for (; ow + 6 <= s->out_width; ow += 6) forward_tile(s, x, wt, bias, out, oh, ow, kb, 6, 2);
                for (; ow + 3 <= s->out_width; ow += 3) forward_tile(s, x, wt, bias, out, oh, ow, kb, 3, 2);
                for (; ow < s->out_width; ow++) forward_tile(s, x, wt, bias, out, oh, ow, kb, 1, 2);
            } else {
                for (; ow + 12 <= s->out_width; ow += 12) forward_tile(s, x, wt, bias, out, oh, ow, kb, 12, 1);
                for (; ow + 4 <= s->out_width; ow += 4) forward_tile(s, x, wt, bias, out, oh, ow, kb, 4, 1);
                for (; ow < s->out_width; ow++) forward_tile(s, x, wt, bias, out, oh, ow, kb, 1, 1);
            }
        }
        kb += two ? 16 : 8;
    }
}

/// T taps (kj0 ..< kj0 + T of kernel row ki, channel c) × V vectors of output channels from kb,
/// summed over every output position of images first ..< last, added into gwt.
static inline __attribute__((always_inline)) void weight_tile(const lumen_conv_shape *s, const float *restrict x,
                                                              const float *restrict gyt, long first, long last, long c,
                                                              long ki, long kj0, long kb, float *restrict gwt,
                                                              const int T, const int V) {
    const long kpad = (s->out_channels + 7) / 8 * 8, plane = s->in_height * s->in_width;
    const long out_area = s->out_height * s->out_width;
    v8 acc[6][2];
    for (int t = 0; t < T; t++)
        for (int v = 0; v < V; v++) acc[t][v] = SPLAT8(0);
    for (long n = first; n < last; n++) {
        const float *image = x + (n * s->channels + c) * plane + ki * s->dilation_h * s->in_width + kj0 * s->dilation_w;
        const float *g = gyt + n * out_area * kpad + kb;
        for (long oh = 0; oh < s->out_height; oh++) {
            const float *row = image + oh * s->stride_h * s->in_width;
            for (long ow = 0; ow < s->out_width; ow++, g += kpad) {
                const v8 g0 = LOAD8(g), g1 = V > 1 ? LOAD8(g + 8) : g0;
                const float *tap = row + ow * s->stride_w;
                for (int t = 0; t < T; t++) {
                    const v8 xv = SPLAT8(tap[t * s->dilation_w]);
                    acc[t][0] += xv * g0;
                    if (V > 1) acc[t][1] += xv * g1;
                }
            }
        }
    }
    float *w = gwt + ((c * s->kernel_h + ki) * s->kernel_w + kj0) * kpad + kb;
    for (int t = 0; t < T; t++)
        for (int v = 0; v < V; v++) STORE8(w + t * kpad + v * 8, LOAD8(w + t * kpad + v * 8) + acc[t][v]);
}

/// The weight gradient of the (channel, kernel row) pairs unit_first ..< unit_last, over images
/// first ..< last.
static inline __attribute__((always_inline)) void weight_units(const lumen_conv_shape *s, const float *x, const float *gyt,
                                                               long first, long last, long unit_first, long unit_last,
                                                               float *gwt) {
    const long kpad = (s->out_channels + 7) / 8 * 8;
    for (long unit = unit_first; unit < unit_last; unit++) {
        const long c = unit / s->kernel_h, ki = unit % s->kernel_h;
        for (long kb = 0; kb < kpad;) {
            const int two = kpad - kb >= 16;
            // Up to six taps of the kernel row at once, so that each output gradient loaded
            // serves every tap of a 3-, 5- or 7-wide kernel row in one or two tiles.
            for (long kj = 0; kj < s->kernel_w;) {
                const long taps = s->kernel_w - kj < 6 ? s->kernel_w - kj : 6;
                switch (taps * 2 + two) {
#define TILE(t)                                                                                   \
    case t * 2: weight_tile(s, x, gyt, first, last, c, ki, kj, kb, gwt, t, 1); break;             \
    case t * 2 + 1: weight_tile(s, x, gyt, first, last, c, ki, kj, kb, gwt, t, 2); break;
                    TILE(1) TILE(2) TILE(3) TILE(4) TILE(5) TILE(6)
#undef TILE
                }
                kj += taps;
            }
            kb += two ? 16 : 8;
        }
    }
}

#if defined(__x86_64__)
#define LUMEN_AVX2_FMA __attribute__((target("avx2,fma")))
static LUMEN_AVX2_FMA void forward_rows_avx2(const lumen_conv_shape *s, const float *x, const float *wt,
                                             const float *bias, float *out, long row_first, long row_last) {
    forward_rows(s, x, wt, bias, out, row_first, row_last);
}
static LUMEN_AVX2_FMA void weight_units_avx2(const lumen_conv_shape *s, const float *x, const float *gyt, long first,
                                             long last, long unit_first, long unit_last, float *gwt) {
    weight_units(s, x, gyt, first, last, unit_first, unit_last, gwt);
}
#endif

void lumen_conv_direct_forward(const lumen_conv_shape *shape, const float *x, const float *wt, const float *bias,
                               float *out, long row_first, long row_last) {
#if defined(__x86_64__)
    if (lumen_kernels_use_avx2()) {
        forward_rows_avx2(shape, x, wt, bias, out, row_first, row_last);
        return;
    }
#endif
    forward_rows(shape, x, wt, bias, out, row_first, row_last);
}

void lumen_conv_direct_weight_gradient(const lumen_conv_shape *shape, const float *x, const float *gyt, long first,
                                       long last, long unit_first, long unit_last, float *gwt) {
#if defined(__x86_64__)
    if (lumen_kernels_use_avx2()) {
        weight_units_avx2(shape, x, gyt, first, last, unit_first, unit_last, gwt);
        return;
    }
#endif
    weight_units(shape, x, gyt, first, last, unit_first, unit_last, gwt);
}
