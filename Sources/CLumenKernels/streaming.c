// Streaming element-wise loops: a scalar head up to a 16-byte boundary of `out`, then four
// floats at a time written with non-temporal stores, then a scalar tail. The arithmetic is the
// plain loop's, element by element, so results are bit-identical to it.
#include "elementwise_ops.h"
#include <stdint.h>
#include <stdio.h>
#include <unistd.h>

typedef float float4 __attribute__((ext_vector_type(4)));

static inline float4 load4(const float *p) {
    float4 v;
    __builtin_memcpy(&v, p, sizeof v);
    return v;
}

static inline long aligned_head(const float *out, long n) {
    long head = (long)((16 - ((uintptr_t)out & 15)) & 15) / (long)sizeof(float);
    return head < n ? head : n;
}

#define DEFINE_STREAM(code, name, kind, expr)                                                     \
    void lumen_stream_##name(LUMEN_LOOP_PARAMS) {                                                 \
        long i = 0, head = aligned_head(out, n);                                                  \
        for (; i < head; i++) { LUMEN_LOAD_##kind(i) out[i] = (expr); }                           \
        for (; i + 4 <= n; i += 4) {                                                              \
            float4 x = load4(a + i);                                                              \
            float4 y = STREAM_LOAD_Y_##kind(i);                                                   \
            (void)y;                                                                              \
            __builtin_nontemporal_store((float4)(expr), (float4 *)(out + i));                     \
        }                                                                                         \
        for (; i < n; i++) { LUMEN_LOAD_##kind(i) out[i] = (expr); }                              \
    }
// The second operand four floats at a time, for ops that read it (zeros otherwise, unused).
#define STREAM_LOAD_Y_READS_B(i) load4(b + (i))
#define STREAM_LOAD_Y_READS_A(i) ((float4){0, 0, 0, 0})
LUMEN_ELEMENTWISE_OPS(DEFINE_STREAM)

// Linux describes each cache of a CPU in sysfs; the highest level is the last-level cache.
// (sysconf's figure can be the whole package's or host's, not what one CPU shares.)
static long sysfs_last_level_cache_bytes(void) {
    long best_level = 0, best_bytes = 0;
    for (int index = 0; index < 16; index++) {
        char path[96];
        snprintf(path, sizeof path, "/sys/devices/system/cpu/cpu0/cache/index%d/level", index);
        FILE *file = fopen(path, "r");
        if (!file) break;
        long level = 0;
        int parsed = fscanf(file, "%ld", &level);
        fclose(file);
        if (parsed != 1 || level < best_level) continue;
        snprintf(path, sizeof path, "/sys/devices/system/cpu/cpu0/cache/index%d/size", index);
        file = fopen(path, "r");
        if (!file) continue;
        long size = 0;
        char unit = 0;
        parsed = fscanf(file, "%ld%c", &size, &unit);
        fclose(file);
        if (parsed < 1) continue;
        if (unit == 'K') size <<= 10;
        else if (unit == 'M') size <<= 20;
        best_level = level;
        best_bytes = size;
    }
    return best_bytes;
}

long lumen_last_level_cache_bytes(void) {
    long bytes = sysfs_last_level_cache_bytes();
#if defined(_SC_LEVEL3_CACHE_SIZE)
    if (bytes <= 0) bytes = sysconf(_SC_LEVEL3_CACHE_SIZE);
#endif
    return bytes > 0 ? bytes : 0;
}
