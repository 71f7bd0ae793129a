// Chooses the GEMM backend once per process: Accelerate on Apple; on Linux the built-in AVX-512
// kernel when the CPU and OS support it, else OpenBLAS loaded at run time (so Lumen builds and
// runs without it), else the best built-in kernel. `LUMEN_BLAS` overrides the choice.
#include "CLumenBLAS.h"
#include "sgemm_kernels.h"
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#if defined(__APPLE__)
#include <Accelerate/Accelerate.h>
#else
#include <dlfcn.h>
#endif

// CBLAS enum values, fixed by the CBLAS standard.
enum { ROW_MAJOR = 101, NO_TRANS = 111, TRANS = 112 };

typedef void (*cblas_sgemm_fn)(int, int, int, int, int, int, float, const float *, int,
                               const float *, int, float, float *, int);
typedef void (*set_threads_fn)(int);

static cblas_sgemm_fn external_sgemm = NULL;
static set_threads_fn external_set_threads = NULL;
static const lumen_sgemm_kernel *builtin_kernel = &lumen_sgemm_kernel_portable;
static char backend_name[32] = "builtin-portable";
static char reason[320] = "";
static pthread_once_t backend_once = PTHREAD_ONCE_INIT;

static const lumen_sgemm_kernel *const kernels[] = {
    &lumen_sgemm_kernel_avx512, &lumen_sgemm_kernel_avx2, &lumen_sgemm_kernel_portable,
    &lumen_sgemm_kernel_avx512_on_avx2,
};

static const lumen_sgemm_kernel *kernel_named(const char *name) {
    for (size_t i = 0; i < sizeof kernels / sizeof kernels[0]; i++)
        if (strcmp(kernels[i]->name, name) == 0) return kernels[i];
    return NULL;
}

/// The fastest built-in kernel this CPU runs (the first three entries, fastest first).
static const lumen_sgemm_kernel *best_builtin_kernel(void) {
    for (size_t i = 0; i < 3; i++)
        if (kernels[i]->tile && kernels[i]->supported()) return kernels[i];
    return &lumen_sgemm_kernel_portable;
}

#if defined(__APPLE__)
static void apple_sgemm(int order, int ta, int tb, int m, int n, int k, float alpha, const float *a,
                        int lda, const float *b, int ldb, float beta, float *c, int ldc) {
    cblas_sgemm((enum CBLAS_ORDER)order, (enum CBLAS_TRANSPOSE)ta, (enum CBLAS_TRANSPOSE)tb, m, n, k,
                alpha, a, lda, b, ldb, beta, c, ldc);
}
#endif

/// Loads the platform's BLAS (Accelerate, or OpenBLAS by dlopen); 1 when found.
static int load_external(void) {
#if defined(__APPLE__)
    external_sgemm = apple_sgemm;
    snprintf(backend_name, sizeof backend_name, "accelerate");
    return 1;
#else
    static const char *names[] = {"libopenblas.so.0", "libopenblas.so"};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        void *library = dlopen(names[i], RTLD_NOW | RTLD_LOCAL);
        if (!library) continue;
        cblas_sgemm_fn sgemm = (cblas_sgemm_fn)dlsym(library, "cblas_sgemm");
        if (!sgemm) {
            dlclose(library);
            continue;
        }
        external_sgemm = sgemm;
        external_set_threads = (set_threads_fn)dlsym(library, "openblas_set_num_threads");
        snprintf(backend_name, sizeof backend_name, "openblas");
        return 1;
    }
    return 0;
#endif
}

static void use_builtin(const lumen_sgemm_kernel *kernel) {
    builtin_kernel = kernel;
    snprintf(backend_name, sizeof backend_name, "builtin-%s", kernel->name);
}

/// The default choice; `prefix` starts the reason (why the default applies).
static void choose_default(const char *prefix) {
    const lumen_sgemm_kernel *best = best_builtin_kernel();
#if !defined(__APPLE__) && !defined(__OPTIMIZE__)
    // A debug build compiles the kernels unoptimized, many times slower than OpenBLAS.
    if (best == &lumen_sgemm_kernel_avx512 && load_external()) {
        builtin_kernel = best;
        snprintf(reason, sizeof reason,
                 "%sLumen's kernels are compiled unoptimized in this (debug) build, and "
                 "libopenblas.so.0 loads: OpenBLAS (the AVX-512 kernel in release builds)", prefix);
        return;
    }
#endif
#if !defined(__APPLE__)
    if (best == &lumen_sgemm_kernel_avx512) {
        use_builtin(best);
        snprintf(reason, sizeof reason,
                 "%sthe CPU has AVX-512F, enabled by the OS: Lumen's AVX-512 kernel", prefix);
        return;
    }
#endif
    if (load_external()) {
#if defined(__APPLE__)
        snprintf(reason, sizeof reason, "%sApple platform: Accelerate", prefix);
#else
        snprintf(reason, sizeof reason, "%sno AVX-512 on this CPU, and libopenblas.so.0 loads: OpenBLAS",
                 prefix);
#endif
        builtin_kernel = best;
        return;
    }
    use_builtin(best);
    snprintf(reason, sizeof reason, "%sno AVX-512 on this CPU and no OpenBLAS: the built-in %s kernel",
             prefix, best->name);
}

static void choose_backend(void) {
    const char *forced = getenv("LUMEN_BLAS");
    char prefix[160];
    if (!forced || !*forced || strcmp(forced, "auto") == 0) {
        choose_default("");
#if defined(__APPLE__)
    } else if (strcmp(forced, "openblas") == 0 || strcmp(forced, "accelerate") == 0) {
#else
    } else if (strcmp(forced, "openblas") == 0) {
#endif
        if (load_external()) {
            builtin_kernel = best_builtin_kernel();
            snprintf(reason, sizeof reason, "LUMEN_BLAS=%s", forced);
        } else {
            snprintf(prefix, sizeof prefix, "LUMEN_BLAS=%s, but it could not be loaded; ", forced);
            choose_default(prefix);
        }
    } else if (strcmp(forced, "builtin") == 0) {
        use_builtin(best_builtin_kernel());
        snprintf(reason, sizeof reason, "LUMEN_BLAS=builtin: the best built-in kernel for this CPU");
    } else {
        const lumen_sgemm_kernel *kernel = kernel_named(forced);
        if (kernel && kernel->tile && kernel->supported()) {
            use_builtin(kernel);
            snprintf(reason, sizeof reason, "LUMEN_BLAS=%s", forced);
        } else {
            snprintf(prefix, sizeof prefix,
                     kernel ? "LUMEN_BLAS=%.40s, which this CPU cannot run; "
                            : "LUMEN_BLAS=%.40s is not one of openblas, builtin, avx512, avx2, portable; ",
                     forced);
            choose_default(prefix);
        }
    }
}

const char *lumen_blas_backend(void) {
    pthread_once(&backend_once, choose_backend);
    return backend_name;
}

const char *lumen_blas_reason(void) {
    pthread_once(&backend_once, choose_backend);
    return reason;
}

const char *lumen_blas_builtin_kernel(void) {
    pthread_once(&backend_once, choose_backend);
    return builtin_kernel->name;
}

int lumen_blas_is_threaded(void) {
    pthread_once(&backend_once, choose_backend);
    return external_sgemm != NULL;
}

void lumen_blas_set_threads(int threads) {
    pthread_once(&backend_once, choose_backend);
    if (external_set_threads && threads > 0) external_set_threads(threads);
}

int lumen_sgemm_kernel_supported(const char *name) {
    const lumen_sgemm_kernel *kernel = kernel_named(name);
    return kernel && kernel->tile && kernel->supported();
}

int lumen_sgemm_with_kernel(const char *name, int trans_a, int trans_b, int m, int n, int k,
                            float alpha, const float *a, int lda, const float *b, int ldb,
                            float beta, float *c, int ldc) {
    if (!lumen_sgemm_kernel_supported(name)) return -1;
    lumen_sgemm_blocked(kernel_named(name), trans_a, trans_b, m, n, k, alpha, a, lda, b, ldb, beta,
                        c, ldc);
    return 0;
}

void lumen_sgemm_builtin(int trans_a, int trans_b, int m, int n, int k, float alpha,
                         const float *a, int lda, const float *b, int ldb,
                         float beta, float *c, int ldc) {
    pthread_once(&backend_once, choose_backend);
    const lumen_sgemm_kernel *kernel = builtin_kernel;
    // A C narrower than one AVX-512 tile would be mostly padding: the 6×16 tile wastes less.
    if (kernel == &lumen_sgemm_kernel_avx512 && (n <= 16 || m <= 6) && lumen_sgemm_kernel_avx2.supported())
        kernel = &lumen_sgemm_kernel_avx2;
    lumen_sgemm_blocked(kernel, trans_a, trans_b, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);
}

void lumen_sgemm(int trans_a, int trans_b, int m, int n, int k, float alpha,
                 const float *a, int lda, const float *b, int ldb,
                 float beta, float *c, int ldc) {
    pthread_once(&backend_once, choose_backend);
    if (m <= 0 || n <= 0) return;
    if (external_sgemm) {
        external_sgemm(ROW_MAJOR, trans_a ? TRANS : NO_TRANS, trans_b ? TRANS : NO_TRANS, m, n, k,
                       alpha, a, lda, b, ldb, beta, c, ldc);
    } else {
        lumen_sgemm_builtin(trans_a, trans_b, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);
    }
}
