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
