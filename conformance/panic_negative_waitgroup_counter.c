/* panic_negative_waitgroup_counter: a WaitGroup counter that goes below zero
 * panics with Go's message and exit status 2; nothing after it runs.
 *
 * expect-exit: 2
 * expect-stdout: before
 * expect-stderr: panic: sync: negative WaitGroup counter
 */
#include "check.h"
#include <gort.h>

static int real_main(int argc, char **argv) {
    (void)argc, (void)argv;
    printf("before\n");
    gort_waitgroup *wg = gort_wg_make();
    gort_wg_add(wg, 1);
    gort_wg_done(wg);
    gort_wg_done(wg);
    printf("after\n");
    return 0;
}

int main(int argc, char **argv) { return gort_main(real_main, argc, argv); }
