/*
 * switch.c -- the ucontext backend's context switch: glibc's makecontext and
 * swapcontext, as they are.  swapcontext saves and restores the signal mask,
 * one rt_sigprocmask syscall per switch: that cost is what this backend
 * exists to measure against asm.
 */
#include "../mn/ctx.h"
#include "../common/runtime.h"

const char gort__backend_name[] = "ucontext";

void gort__ctx_make(gort__ctx *c, void *lo, size_t size, void (*entry)(void)) {
    if (getcontext(&c->uc) != 0)
        gort__fatal("getcontext failed");
    c->uc.uc_stack.ss_sp = lo;
    c->uc.uc_stack.ss_size = size;
    c->uc.uc_link = NULL;
    makecontext(&c->uc, entry, 0);
}

void gort__ctx_switch(gort__ctx *from, gort__ctx *to) {
    if (swapcontext(&from->uc, &to->uc) != 0)
        gort__fatal("swapcontext failed");
}

const char *gort__ctx_unavailable(void) { return NULL; }
