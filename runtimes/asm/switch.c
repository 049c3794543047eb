/*
 * switch.c -- the hand-written context switch: making a new context.  The
 * switch itself is assembly, one file per architecture; this file lays out a
 * new stack that the first gort__ctx_switch into it enters at
 * gort__ctx_start, which calls the entry function and then resumes the
 * context that it returns.  The saved sp of a fresh context has bit 0 set
 * (stacks are 16-byte aligned), which tells the switch to jump there rather
 * than restore registers and return.  On an architecture without a switch
 * the backend is unavailable (SPEC 4), never silently something else.
 */
#include "../mn/ctx.h"
#include "../common/runtime.h"

#include <stdint.h>

#if defined(GORT_BACKEND_uring)
const char gort__backend_name[] = "uring";
#else
const char gort__backend_name[] = "asm";
#endif

#if defined(__x86_64__)

/* Two words below the 16-byte-aligned top: MXCSR|x87cw (the defaults) and
 * the entry, which gort__ctx_start calls from the top, with the ABI's
 * alignment. */
void gort__ctx_make(gort__ctx *c, void *lo, size_t size, gort__ctx *(*entry)(void)) {
    uintptr_t top = ((uintptr_t)lo + size) & ~(uintptr_t)15;
    uint64_t *sp = (uint64_t *)(top - 16);
    sp[0] = 0x1F80 | ((uint64_t)0x037F << 32);
    sp[1] = (uint64_t)(uintptr_t)entry;
    c->sp = (char *)sp + 1;
}

const char *gort__ctx_unavailable(void) { return NULL; }

#elif defined(__aarch64__)

/* Two words below the 16-byte-aligned top: the entry and FPCR (zero, the
 * default), for gort__ctx_start (switch_aarch64.S). */
void gort__ctx_make(gort__ctx *c, void *lo, size_t size, gort__ctx *(*entry)(void)) {
    uintptr_t top = ((uintptr_t)lo + size) & ~(uintptr_t)15;
    uint64_t *sp = (uint64_t *)(top - 16);
    sp[0] = (uint64_t)(uintptr_t)entry;
    sp[1] = 0;
    c->sp = (char *)sp + 1;
}

const char *gort__ctx_unavailable(void) { return NULL; }

#else

void gort__ctx_make(gort__ctx *c, void *lo, size_t size, gort__ctx *(*entry)(void)) {
    (void)c, (void)lo, (void)size, (void)entry;
}
void gort__ctx_switch(gort__ctx *from, gort__ctx *to) { (void)from, (void)to; }
const char *gort__ctx_unavailable(void) {
    return "no hand-written context switch for this CPU architecture (x86-64 and AArch64 only)";
}

#endif
