#ifndef CLUMEN_KERNELS_H
#define CLUMEN_KERNELS_H

// LumenTensor's C loops: element-wise kernels and the allocator setting.

/// The ops of `lumen_elementwise`.
typedef enum {
    LUMEN_ADD,           ///< out = a + b
    LUMEN_SUB,           ///< out = a − b
    LUMEN_MUL,           ///< out = a · b
    LUMEN_DIV,           ///< out = a / b
    LUMEN_RELU_GRADIENT, ///< out = b > 0 ? a : 0 (the gradient a through a relu whose output is b)
    LUMEN_RELU,          ///< out = a > 0 ? a : 0
    LUMEN_NEG,           ///< out = −a
    LUMEN_SCALE,         ///< out = a · s
    LUMEN_SHIFT,         ///< out = a + s
} lumen_op;

/// out[i] for i < n by `op`, each element exactly as the scalar expression gives it. `b` is read
/// by the binary ops only, `s` by scale and shift. With `streaming`, out is written with
/// non-temporal stores: it goes to memory without first being read into the cache and without
/// evicting the inputs (for outputs that would not stay in the cache anyway). Otherwise the loop
/// uses ordinary stores, vectorized for AVX2 when the CPU has it.
void lumen_elementwise(lumen_op op, const float *a, const float *b, float s, float *out, long n, int streaming);

/// The sum of p[0..<n], with eight running sums added pairwise at the end.
float lumen_sum(const float *p, long n);

/// For each channel ch in first..<last of x laid out as [outer, channels, inner]: the mean of its
/// values and the sum of squared deviations from it, both accumulated in double precision.
void lumen_channel_statistics(const float *x, long channels, long outer, long inner, long first, long last,
                              float *mean, float *squares);

/// For each channel ch in first..<last of [outer, channels, inner] arrays: Σ grad and Σ grad · normalized.
void lumen_channel_gradient_sums(const float *grad, const float *normalized, long channels, long outer, long inner,
                                 long first, long last, float *sum_grad, float *sum_grad_normalized);

/// A max-pooling window over planes of height × width: output size, stride, padding,
/// dilation, and for each output row and column the half-open range of kernel taps that fall
/// inside the input (row_taps[2·oh], row_taps[2·oh + 1]; likewise column_taps).
typedef struct {
    long out_height, out_width;
    long stride_h, stride_w, pad_h, pad_w, dilation_h, dilation_w;
    const long *row_taps;
    const long *column_taps;
} lumen_pool_window;

/// Max pooling of planes first..<last with a kernel_h × kernel_w kernel: each window's maximum into values and its flat
/// in-plane position into indices, as torch picks it (the first of equal maxima; a NaN wins,
/// the last NaN of the window); a window with no tap inside the input gives −∞ and −1.
void lumen_max_pool_planes(const float *x, long height, long width, const lumen_pool_window *window, long kernel_h,
                           long kernel_w, long first, long last, float *values, float *indices);

/// One direct convolution: an input of `channels` planes of in_height × in_width (already
/// zero-padded: no tap falls outside it), `out_channels` outputs of out_height × out_width.
typedef struct {
    long channels, in_height, in_width;
    long out_channels, out_height, out_width;
    long kernel_h, kernel_w, stride_h, stride_w, dilation_h, dilation_w;
} lumen_conv_shape;

/// Output rows row_first ..< row_last of one image, every channel: out[k][oh][ow] = bias[k] +
/// Σ x[c][oh·stride_h + ki·dilation_h][ow·stride_w + kj·dilation_w] · w[k][c][ki][kj], with the
/// weights laid out as wt[c][ki][kj][k] over out_channels rounded up to 8 (zeros past K).
/// `bias` may be NULL. Vectorized for AVX2 + FMA when the CPU has them.
void lumen_conv_direct_forward(const lumen_conv_shape *shape, const float *x, const float *wt, const float *bias,
                               float *out, long row_first, long row_last);

/// Adds to gwt[c][ki][kj][k] (laid out as the forward's weights) Σ over images first ..< last
/// and output positions of gyt[n][position][k] · x[n][c][tap], for the (channel, kernel row)
/// pairs unit_first ..< unit_last (unit = c · kernel_h + ki). `gyt` is the output gradient with
/// channels last: [N][out_height · out_width][out_channels rounded up to 8].
void lumen_conv_direct_weight_gradient(const lumen_conv_shape *shape, const float *x, const float *gyt, long first,
                                       long last, long unit_first, long unit_last, float *gwt);

/// 1 when the element-wise and direct-convolution loops run their AVX2 + FMA versions: the CPU
/// has both and LUMEN_CPU is not `baseline` (which selects the loops compiled for the baseline
/// target). Decided at the first call.
int lumen_kernels_use_avx2(void);

/// Why `lumen_kernels_use_avx2` decided as it did, for `lumen info`.
const char *lumen_kernels_reason(void);

/// The size in bytes of the last-level data cache, or 0 when unknown.
long lumen_last_level_cache_bytes(void);

/// Tunes glibc's allocator for tensor-sized buffers, once per process: blocks up to 32 MiB
/// are served from the heap, up to 128 MiB of freed memory is kept for reuse and heaps grow
/// and shrink by 64 MiB at a time, rather than
/// each large output being mapped afresh (and every page faulted in again) while a training
/// step frees and allocates the same sizes over and over. Process-wide; does nothing on other
/// C libraries, or when LUMEN_MALLOC_TUNING=0. Returns 1 when applied.
int lumen_tune_allocator(void);

#endif
