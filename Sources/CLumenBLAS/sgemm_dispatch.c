// Chooses the GEMM backend once: Accelerate on Apple; on Linux OpenBLAS loaded at run time
// (so Lumen builds and runs without it), else the built-in kernel.
#include "CLumenBLAS.h"
#include "sgemm_builtin.h"
#include <pthread.h>
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
static const char *backend_name = "builtin";
static pthread_once_t backend_once = PTHREAD_ONCE_INIT;

#if defined(__APPLE__)
static void apple_sgemm(int order, int ta, int tb, int m, int n, int k, float alpha, const float *a,
                        int lda, const float *b, int ldb, float beta, float *c, int ldc) {
    cblas_sgemm((enum CBLAS_ORDER)order, (enum CBLAS_TRANSPOSE)ta, (enum CBLAS_TRANSPOSE)tb, m, n, k,
                alpha, a, lda, b, ldb, beta, c, ldc);
}
#endif

static int load_external(void) {
#if defined(__APPLE__)
    external_sgemm = apple_sgemm;
    backend_name = "accelerate";
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
        backend_name = "openblas";
        return 1;
    }
    return 0;
#endif
}

static void choose_backend(void) {
    const char *forced = getenv("LUMEN_BLAS");
    if (!(forced && strcmp(forced, "builtin") == 0) && load_external()) return;
    backend_name = lumen_sgemm_builtin_name();
}

const char *lumen_blas_backend(void) {
    pthread_once(&backend_once, choose_backend);
    return backend_name;
}

int lumen_blas_is_threaded(void) {
    pthread_once(&backend_once, choose_backend);
    return external_sgemm != NULL;
}

void lumen_blas_set_threads(int threads) {
    pthread_once(&backend_once, choose_backend);
    if (external_set_threads && threads > 0) external_set_threads(threads);
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
