/* ctx_impl.h -- the ucontext backend's saved context: glibc's ucontext_t. */
#ifndef GORT_CTX_IMPL_H
#define GORT_CTX_IMPL_H
#include <ucontext.h>
typedef struct gort__ctx {
    ucontext_t uc;
} gort__ctx;
#endif
