/* select_timeout_after: a select on a channel that never becomes ready and
 * on gort_after(d) takes the timer case, no sooner than d, and receives the
 * time of firing (Go's time.After: capacity 1, int64 nanotime).
 *
 * expect-exit: 0
 * expect-stdout: timeout
 */
#include "check.h"
#include <gort.h>

static int real_main(int argc, char **argv) {
    (void)argc, (void)argv;
    gort_chan *never = gort_chan_make(sizeof(int), 0);
    int64_t start = gort_nanotime(), fired = 0;
    gort_chan *t = gort_after(20 * 1000000);
    CHECK(gort_chan_cap(t) == 1, "time.After has capacity 1");
    int v;
    gort_case cases[2] = {{.ch = never, .op = GORT_RECV, .elem = &v},
                          {.ch = t, .op = GORT_RECV, .elem = &fired}};
    int i = gort_select(cases, 2, true);
    CHECK(i == 1 && cases[1].ok, "select returned %d", i);
    CHECK(fired >= start + 20 * 1000000, "fired %lld ns after start, before the deadline",
          (long long)(fired - start));
    CHECK(gort_nanotime() >= fired, "the fired time is in the future");
    printf("timeout\n");
    gort_chan_free(t);
    return 0;
}

int main(int argc, char **argv) { return gort_main(real_main, argc, argv); }
