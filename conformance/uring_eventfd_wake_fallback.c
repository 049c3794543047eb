/* uring_eventfd_wake_fallback: the wake-up path for wakers that are not
 * workers (an eventfd read kept posted on each ring) works on its own: with
 * every wake forced through it (GORT_TEST_URING_WAKE=eventfd, for tests
 * only), goroutines ping-pong across workers with no lost wake-up.
 *
 * backends: uring
 * env: GORT_TEST_URING_WAKE=eventfd
 * env: GORT_STATS=1
 * env: GORT_PROCS=2
 * expect-exit: 0
 * expect-stdout: done
 * expect-stderr-match: ^gort-stats: eventfd_wakes=[1-9][0-9]*$
 * expect-stderr-match: ^gort-stats: ring_msgs=0$
 */
#include "check.h"
#include <gort.h>

static void side(void *p) {
    gort_chan **ch = p;
    int v;
    while (gort_recv(ch[0], &v)) {
        if (v % 16 == 0)
            gort_sleep(20000);
        gort_send(ch[1], &v);
    }
}

static int real_main(int argc, char **argv) {
    (void)argc, (void)argv;
    for (int pair = 0; pair < 8; pair++) {
        gort_chan *ch[2] = {gort_chan_make(sizeof(int), 0), gort_chan_make(sizeof(int), 0)};
        gort_go(side, ch);
        for (int i = 0; i < 200; i++) {
            int v = i;
            gort_send(ch[0], &v);
            gort_recv(ch[1], &v);
            CHECK(v == i, "v=%d", v);
        }
        gort_close(ch[0]);
        gort_sleep(200000);
    }
    printf("done\n");
    return 0;
}

int main(int argc, char **argv) { return gort_main(real_main, argc, argv); }
