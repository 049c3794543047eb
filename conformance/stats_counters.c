/* stats_counters: with GORT_STATS=1 the runtime prints its counters to
 * stderr at exit, one "gort-stats: name=value" line each, and the spawn
 * count is exact.
 *
 * env: GORT_STATS=1
 * expect-exit: 0
 * expect-stderr-match: ^gort-stats: goroutines_spawned=25$
 * expect-stderr-match: ^gort-stats: parks=[1-9][0-9]*$
 * expect-stderr-match: ^gort-stats: wakeups=[1-9][0-9]*$
 * expect-stderr-match: ^gort-stats: context_switches=[0-9]+$
 * expect-stderr-match: ^gort-stats: futex_waits=[0-9]+$
 * expect-stderr-match: ^gort-stats: io_uring_enters=[0-9]+$
 * expect-stderr-match: ^gort-stats: ring_msgs=[0-9]+$
 * expect-stderr-match: ^gort-stats: steals=[0-9]+$
 */
#include "check.h"
#include <gort.h>

static void echo(void *ch) {
    int v;
    gort_recv(ch, &v);
}

static int real_main(int argc, char **argv) {
    (void)argc, (void)argv;
    gort_chan *ch = gort_chan_make(sizeof(int), 0);
    for (int i = 0; i < 25; i++)
        gort_go(echo, ch);
    gort_sleep(1000000);
    for (int i = 0; i < 25; i++)
        gort_send(ch, &i);
    return 0;
}

int main(int argc, char **argv) { return gort_main(real_main, argc, argv); }
