#ifndef CLUMEN_KERNELS_H
#define CLUMEN_KERNELS_H

// LumenTensor's C loops: element-wise kernels and the allocator setting.
// Each element-wise kernel computes out[i] from a[i] (and b[i]) for i < n exactly as the plain
// scalar expression would.

// Loops that write their output with non-temporal (streaming) stores: the output goes to
// memory without first being read into the cache, and without evicting the inputs. For
// outputs that would not stay in the cache anyway.

/// out = a + b
void lumen_stream_add(const float *a, const float *b, float *out, long n);
/// out = a − b
void lumen_stream_sub(const float *a, const float *b, float *out, long n);
/// out = a · b
void lumen_stream_mul(const float *a, const float *b, float *out, long n);
/// out = a / b
void lumen_stream_div(const float *a, const float *b, float *out, long n);
/// out = b > 0 ? a : 0 (the gradient `a` through a relu whose output is `b`)
void lumen_stream_relu_gradient(const float *a, const float *b, float *out, long n);
/// out = a > 0 ? a : 0
void lumen_stream_relu(const float *a, float *out, long n);
/// out = −a
void lumen_stream_neg(const float *a, float *out, long n);
/// out = a · s
void lumen_stream_scale(const float *a, float s, float *out, long n);
/// out = a + s
void lumen_stream_shift(const float *a, float s, float *out, long n);

// The same loops with ordinary stores, vectorized for AVX2 when the CPU has it.

/// out = a + b
void lumen_add(const float *a, const float *b, float *out, long n);
/// out = a − b
void lumen_sub(const float *a, const float *b, float *out, long n);
/// out = a · b
void lumen_mul(const float *a, const float *b, float *out, long n);
/// out = a / b
void lumen_div(const float *a, const float *b, float *out, long n);
/// out = b > 0 ? a : 0
void lumen_relu_gradient(const float *a, const float *b, float *out, long n);
/// out = a > 0 ? a : 0
void lumen_relu(const float *a, float *out, long n);
/// out = −a
void lumen_neg(const float *a, float *out, long n);
/// out = a · s
void lumen_scale(const float *a, float s, float *out, long n);
/// out = a + s
void lumen_shift(const float *a, float s, float *out, long n);

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
