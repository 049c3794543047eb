/* deadlock_waitgroup_never_zero: a WaitGroup waiting for two Dones that get
 * only one: once the worker has exited, nobody can finish it: deadlock.
 *
 * expect-exit: 2
 * expect-stdout: worker done
 * expect-stderr: fatal error: all goroutines are asleep - deadlock!
 */
#include "check.h"
#include <gort.h>

static void worker(void *wg) {
    printf("worker done\n");
    gort_wg_done(wg);
}

static int real_main(int argc, char **argv) {
    (void)argc, (void)argv;
    gort_waitgroup *wg = gort_wg_make();
    gort_wg_add(wg, 2);
    gort_go(worker, wg);
    gort_wg_wait(wg);
    return 0;
}

int main(int argc, char **argv) { return gort_main(real_main, argc, argv); }
