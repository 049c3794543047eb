/* ctx_impl.h -- the asm backend's saved context: a stack pointer.  Everything
 * else (callee-saved registers, FP control words) is on the stack it points
 * to, pushed by gort__ctx_switch (switch_x86_64.S, switch_aarch64.S). */
#ifndef GORT_CTX_IMPL_H
#define GORT_CTX_IMPL_H
typedef struct gort__ctx {
    void *sp;
} gort__ctx;
#endif
