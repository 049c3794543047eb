/* stack_overflow_reported: a goroutine that recurses without bound ends the
 * program with Go's "goroutine stack overflow" fatal error, not silent
 * corruption of its neighbours.
 *
 * backends: ucontext asm uring
 * expect-exit: 2
 * expect-stderr: fatal error: goroutine stack overflow
 * env: GORT_STACK_SIZE=65536
 */
#include "check.h"
#include <gort.h>

static int depth(volatile char *prev, int n) {
    volatile char frame[512];
    frame[0] = (char)n;
    frame[511] = prev ? prev[0] : 0;
    return n > 100000000 ? frame[0] : depth(frame, n + 1) + frame[511];
}

static void recurse(void *arg) {
    (void)arg;
    printf("%d\n", depth(NULL, 0));
}

static int real_main(int argc, char **argv) {
    (void)argc, (void)argv;
    gort_go(recurse, NULL);
    gort_recv(gort_chan_make(0, 0), NULL);
    return 0;
}

int main(int argc, char **argv) { return gort_main(real_main, argc, argv); }
