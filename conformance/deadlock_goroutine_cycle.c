/* deadlock_goroutine_cycle: two goroutines each waiting for the other, and
 * main waiting for both: deadlock.
 *
 * expect-exit: 2
 * expect-stderr: fatal error: all goroutines are asleep - deadlock!
 */
#include "check.h"
#include <gort.h>

static gort_chan *a, *b;
static gort_waitgroup *wg;

static void left(void *arg) {
    (void)arg;
    gort_recv(a, NULL);
    gort_send(b, NULL);
    gort_wg_done(wg);
}

static void right(void *arg) {
    (void)arg;
    gort_recv(b, NULL);
    gort_send(a, NULL);
    gort_wg_done(wg);
}

static int real_main(int argc, char **argv) {
    (void)argc, (void)argv;
    a = gort_chan_make(0, 0);
    b = gort_chan_make(0, 0);
    wg = gort_wg_make();
    gort_wg_add(wg, 2);
    gort_go(left, NULL);
    gort_go(right, NULL);
    gort_wg_wait(wg);
    return 0;
}

int main(int argc, char **argv) { return gort_main(real_main, argc, argv); }
