// CPU features the GEMM kernels need, read from CPUID and checked against what the OS enabled in
// XCR0 (xgetbv): a CPU may have AVX-512 while the kernel (or a hypervisor) does not save its
// registers, and then using them faults.
#include "cpu_features.h"

#if defined(__x86_64__)
#include <cpuid.h>

// XCR0 bits: 1 SSE state, 2 AVX (upper YMM), 5 opmask, 6 upper ZMM0–15, 7 ZMM16–31.
enum { XCR0_YMM = (1 << 1) | (1 << 2), XCR0_ZMM = XCR0_YMM | (1 << 5) | (1 << 6) | (1 << 7) };

/// XCR0, or 0 when the OS does not enable XSAVE (then xgetbv would fault).
static unsigned long long enabled_state(void) {
    unsigned int a, b, c, d;
    if (!__get_cpuid(1, &a, &b, &c, &d) || !(c & bit_OSXSAVE)) return 0;
    unsigned int low, high;
    __asm__ volatile("xgetbv" : "=a"(low), "=d"(high) : "c"(0));
    return ((unsigned long long)high << 32) | low;
}

int lumen_cpu_has_avx2_fma(void) {
    unsigned int a, b, c, d;
    if (!__get_cpuid(1, &a, &b, &c, &d) || !(c & bit_FMA)) return 0;
    if (!__get_cpuid_count(7, 0, &a, &b, &c, &d) || !(b & bit_AVX2)) return 0;
    return (enabled_state() & XCR0_YMM) == XCR0_YMM;
}

int lumen_cpu_has_avx512f(void) {
    unsigned int a, b, c, d;
    if (!__get_cpuid_count(7, 0, &a, &b, &c, &d) || !(b & bit_AVX512F)) return 0;
    return (enabled_state() & XCR0_ZMM) == XCR0_ZMM;
}
#else
int lumen_cpu_has_avx2_fma(void) { return 0; }
int lumen_cpu_has_avx512f(void) { return 0; }
#endif
