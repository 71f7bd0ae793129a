// glibc's allocator settings for tensor-sized buffers (see CLumenKernels.h).
#include "CLumenKernels.h"
#include <stdlib.h>
#include <string.h>
#if defined(__GLIBC__)
#include <malloc.h>
#endif

int lumen_tune_allocator(void) {
#if defined(__GLIBC__)
    const char *setting = getenv("LUMEN_MALLOC_TUNING");
    if (setting && strcmp(setting, "0") == 0) return 0;
    // Blocks up to 32 MiB come from the heap (glibc's own ceiling for its adaptive threshold,
    // and at most half a thread arena's heap), and freed memory at the top of a heap is kept
    // up to 128 MiB instead of going back to the system after each large free. The 64 MiB top
    // pad keeps a thread arena's emptied heaps (glibc gives threads other than the main one
    // heaps of 64 MiB) rather than unmapping them and mapping new ones for the next tensors.
    int ok = mallopt(M_MMAP_THRESHOLD, 32 << 20);
    ok &= mallopt(M_TRIM_THRESHOLD, 128 << 20);
    ok &= mallopt(M_TOP_PAD, 64 << 20);
    return ok;
#else
    return 0;
#endif
}
