/*
 * switch.c -- the ucontext backend's context switch: glibc's makecontext and
 * swapcontext, as they are.  swapcontext saves and restores the signal mask,
 * one rt_sigprocmask syscall per switch: that cost is what this backend
 * exists to measure against asm.
 */
#include "../mn/ctx.h"
#include "../common/runtime.h"

#include <stdint.h>

const char gort__backend_name[] = "ucontext";

/* makecontext passes int arguments: the entry comes in two halves. */
static void ctx_start(unsigned lo, unsigned hi) {
    gort__ctx *(*entry)(void) = (gort__ctx * (*)(void))(uintptr_t)(((uint64_t)hi << 32) | lo);
    gort__ctx *to = entry();
    setcontext(&to->uc);
    gort__fatal("setcontext failed");
}

void gort__ctx_make(gort__ctx *c, void *lo, size_t size, gort__ctx *(*entry)(void)) {
    if (getcontext(&c->uc) != 0)
        gort__fatal("getcontext failed");
    c->uc.uc_stack.ss_sp = lo;
    c->uc.uc_stack.ss_size = size;
    c->uc.uc_link = NULL;
    uint64_t e = (uintptr_t)entry;
    makecontext(&c->uc, (void (*)(void))ctx_start, 2, (unsigned)e, (unsigned)(e >> 32));
}

void gort__ctx_switch(gort__ctx *from, gort__ctx *to) {
    if (swapcontext(&from->uc, &to->uc) != 0)
        gort__fatal("swapcontext failed");
}

const char *gort__ctx_unavailable(void) { return NULL; }
