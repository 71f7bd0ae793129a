#ifndef CLUMEN_SGEMM_BUILTIN_H
#define CLUMEN_SGEMM_BUILTIN_H

/// "builtin-avx2" when this CPU runs the AVX2/FMA micro-kernel, else "builtin-portable".
const char *lumen_sgemm_builtin_name(void);

#endif
