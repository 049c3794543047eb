/* deadlock_after_timer_fired: a pending timer defers the deadlock verdict,
 * but once it has fired and nobody can run, the deadlock is reported.
 *
 * expect-exit: 2
 * expect-stdout: timer fired
 * expect-stderr: fatal error: all goroutines are asleep - deadlock!
 */
#include "check.h"
#include <gort.h>

static int real_main(int argc, char **argv) {
    (void)argc, (void)argv;
    gort_chan *t = gort_after(10 * 1000000);
    gort_recv(t, NULL);
    printf("timer fired\n");
    gort_chan *never = gort_chan_make(0, 0);
    gort_recv(never, NULL);
    return 0;
}

int main(int argc, char **argv) { return gort_main(real_main, argc, argv); }
