/* no_deadlock_pending_after: main alone, blocked on a gort_after channel, is
 * not deadlocked: the timer will fire.
 *
 * expect-exit: 0
 * expect-stdout: fired
 */
#include "check.h"
#include <gort.h>

static int real_main(int argc, char **argv) {
    (void)argc, (void)argv;
    gort_chan *t = gort_after(30 * 1000000);
    int64_t when;
    CHECK(gort_recv(t, &when), "ok");
    printf("fired\n");
    gort_chan_free(t);
    return 0;
}

int main(int argc, char **argv) { return gort_main(real_main, argc, argv); }
