/*
 * ctx.h -- the context switch the M:N scheduler is built on.  Implemented
 * by runtimes/ucontext/ (glibc swapcontext) and runtimes/asm/ (a hand-written
 * swap of the callee-saved registers); each defines gort__ctx in its own
 * ctx_impl.h, found through the include path the Makefile sets.
 */
#ifndef GORT_MN_CTX_H
#define GORT_MN_CTX_H

#include <stddef.h>

#include "ctx_impl.h"

/* Make c start entry() on the stack [lo, lo + size) at its first switch.
 * entry ends the context by returning the one to resume, whose switch saves
 * nothing of this one: its stack is dead from then on.  Returning rather
 * than switching from inside entry pops entry's own frames off the CPU's
 * return-address predictor first, so the context resumed (often the one
 * that switched to this one) returns along the predictions it left there:
 * spawn one goroutine and wait for it, and no return is mispredicted. */
void gort__ctx_make(gort__ctx *c, void *lo, size_t size, gort__ctx *(*entry)(void));
/* Save the running context in *from and resume *to. */
void gort__ctx_switch(gort__ctx *from, gort__ctx *to);
/* Why this backend cannot run here, or NULL (e.g. an unsupported CPU). */
const char *gort__ctx_unavailable(void);

#endif
