/*
 * switch.c -- the hand-written context switch: making a new context.  The
 * switch itself is assembly, one file per architecture; this file lays out a
 * new stack so that the first gort__ctx_switch into it "returns" into
 * gort__ctx_start, which calls the entry function.  On an architecture
 * without a switch the backend is unavailable (SPEC 4), never silently
 * something else.
 */
#include "../mn/ctx.h"
#include "../common/runtime.h"

#include <stdint.h>
#include <string.h>

#if defined(GORT_BACKEND_uring)
const char gort__backend_name[] = "uring";
#else
const char gort__backend_name[] = "asm";
#endif

#if defined(__x86_64__)

void gort__ctx_start(void); /* switch_x86_64.S: calls the entry in r12 */

/* Stack, upward from sp: mxcsr|x87cw, r15, r14, r13, r12, rbx, rbp, return
 * address.  After the ret, rsp is 16-byte aligned, so gort__ctx_start's
 * call leaves the entry function with the ABI's alignment. */
void gort__ctx_make(gort__ctx *c, void *lo, size_t size, void (*entry)(void)) {
    uintptr_t top = ((uintptr_t)lo + size) & ~(uintptr_t)15;
    uint64_t *sp = (uint64_t *)(top - 64);
    memset(sp, 0, 64);
    sp[0] = 0x1F80 | ((uint64_t)0x037F << 32); /* default MXCSR and x87 control word */
    sp[4] = (uint64_t)(uintptr_t)entry;        /* r12 */
    sp[7] = (uint64_t)(uintptr_t)gort__ctx_start;
    c->sp = sp;
}

const char *gort__ctx_unavailable(void) { return NULL; }

#elif defined(__aarch64__)

void gort__ctx_start(void); /* switch_aarch64.S: calls the entry in x19 */

/* Frame of 176 bytes: x19..x28, x29, x30, d8..d15, fpcr. */
void gort__ctx_make(gort__ctx *c, void *lo, size_t size, void (*entry)(void)) {
    uintptr_t top = ((uintptr_t)lo + size) & ~(uintptr_t)15;
    uint64_t *sp = (uint64_t *)(top - 176);
    memset(sp, 0, 176);
    sp[0] = (uint64_t)(uintptr_t)entry;           /* x19 */
    sp[11] = (uint64_t)(uintptr_t)gort__ctx_start; /* x30 */
    c->sp = sp;
}

const char *gort__ctx_unavailable(void) { return NULL; }

#else

void gort__ctx_make(gort__ctx *c, void *lo, size_t size, void (*entry)(void)) {
    (void)c, (void)lo, (void)size, (void)entry;
}
void gort__ctx_switch(gort__ctx *from, gort__ctx *to) { (void)from, (void)to; }
const char *gort__ctx_unavailable(void) {
    return "no hand-written context switch for this CPU architecture (x86-64 and AArch64 only)";
}

#endif
