/* uring_parks_through_ring: on the uring backend, idle workers sleep in
 * io_uring_enter and are woken by MSG_RING messages and timeout completions:
 * GORT_STATS shows io_uring_enter calls and ring messages, and no futex
 * sleeps or wakes at all.
 *
 * backends: uring
 * env: GORT_STATS=1
 * env: GORT_PROCS=2
 * expect-exit: 0
 * expect-stderr-match: ^gort-stats: futex_waits=0$
 * expect-stderr-match: ^gort-stats: futex_wakes=0$
 * expect-stderr-match: ^gort-stats: io_uring_enters=[1-9][0-9]*$
 * expect-stderr-match: ^gort-stats: ring_msgs=[1-9][0-9]*$
 * expect-stderr-match: ^gort-stats: worker_parks=[1-9][0-9]*$
 */
#include "check.h"
#include <gort.h>

static void pong(void *p) {
    gort_chan **ch = p;
    int v;
    while (gort_recv(ch[0], &v))
        gort_send(ch[1], &v);
}

static int real_main(int argc, char **argv) {
    (void)argc, (void)argv;
    gort_chan *ch[2] = {gort_chan_make(sizeof(int), 0), gort_chan_make(sizeof(int), 0)};
    for (int round = 0; round < 20; round++) {
        gort_sleep(500000); /* both workers go idle; a timeout completion wakes one */
        gort_go(pong, ch);  /* runnable work for the idle one: a MSG_RING wake */
        for (int i = 0; i < 50; i++) {
            int v = i;
            gort_send(ch[0], &v);
            gort_recv(ch[1], &v);
            CHECK(v == i, "v=%d", v);
        }
    }
    return 0;
}

int main(int argc, char **argv) { return gort_main(real_main, argc, argv); }
