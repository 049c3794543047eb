/* stack_overflow_canary_reported: past the first 8,192 stacks, which have
 * guard pages, a stack that overflows runs into the canary at the top of the
 * slot below it, and the overflow is reported at the goroutine's next switch
 * instead of passing silently.  The overflow here is bounded (about 16 KiB
 * past the bottom of a 64 KiB stack), so it ends inside the slot below.
 *
 * backends: ucontext asm uring
 * expect-exit: 2
 * expect-stderr: fatal error: goroutine stack overflow
 * env: GORT_STACK_SIZE=65536
 * timeout: 60
 */
#include "check.h"
#include <gort.h>
#include <stdlib.h>
#include <string.h>

#define GUARDED 8192 /* runtimes/mn/stack.c: GUARDED_MAX */

static int depth(int n) {
    char frame[1024];
    memset(frame, n, sizeof frame);
    __asm__ __volatile__("" : : "r"(frame) : "memory");
    return n == 0 ? frame[0] : depth(n - 1) + frame[sizeof frame - 1];
}

static void overflow(void *arg) {
    (void)arg;
    int r = depth(80); /* 80 KiB and more of frames on a 64 KiB stack */
    gort_yield();      /* the switch that checks the canary */
    printf("overflow not reported (%d)\n", r);
}

static void park(void *ch) { gort_recv(ch, NULL); }

static int real_main(int argc, char **argv) {
    (void)argc, (void)argv;
#if defined(__SANITIZE_ADDRESS__)
    /* ASan sees the write into the parked neighbour's poisoned frames and
     * reports it itself (stack-buffer-underflow) before any switch. */
    fprintf(stderr, "under AddressSanitizer the overflow is reported by ASan, not by gort's canary\n");
    exit(77);
#endif
    gort_chan *never = gort_chan_make(0, 0);
    for (int i = 0; i < GUARDED + 1; i++) /* the guarded slots, and the slot below */
        gort_go(park, never);
    gort_go(overflow, NULL);
    gort_recv(never, NULL);
    return 0;
}

int main(int argc, char **argv) { return gort_main(real_main, argc, argv); }
