/* no_lost_wakeups_stress: many goroutine pairs ping-pong across workers
 * while others sleep and spawn, so workers park and are woken constantly.
 * A lost wake-up shows as a hang (the suite's timeout names it) or as a
 * false deadlock report.
 *
 * expect-exit: 0
 * expect-stdout: done
 * timeout: 120
 */
#include "check.h"
#include <gort.h>
#include <stdlib.h>

#define PAIRS 32
#define ROUNDS 3000

typedef struct { gort_chan *a, *b; gort_waitgroup *wg; } pp;

static void nop(void *arg) { (void)arg; }

static void side_a(void *p) {
    pp *x = p;
    for (int i = 0; i < ROUNDS; i++) {
        gort_send(x->a, &i);
        gort_recv(x->b, NULL);
        if (i % 500 == 0)
            gort_sleep(50000); /* everyone idles now and then */
        if (i % 100 == 0)
            gort_go(nop, NULL);
    }
    gort_wg_done(x->wg);
}

static void side_b(void *p) {
    pp *x = p;
    int v;
    for (int i = 0; i < ROUNDS; i++) {
        gort_recv(x->a, &v);
        CHECK(v == i, "v=%d i=%d", v, i);
        gort_send(x->b, &v);
    }
    gort_wg_done(x->wg);
}

static int real_main(int argc, char **argv) {
    (void)argc, (void)argv;
    gort_waitgroup *wg = gort_wg_make();
    gort_wg_add(wg, 2 * PAIRS);
    for (int i = 0; i < PAIRS; i++) {
        pp *x = malloc(sizeof *x);
        x->a = gort_chan_make(sizeof(int), 0);
        x->b = gort_chan_make(sizeof(int), 0);
        x->wg = wg;
        gort_go(side_a, x);
        gort_go(side_b, x);
    }
    gort_wg_wait(wg);
    printf("done\n");
    return 0;
}

int main(int argc, char **argv) { return gort_main(real_main, argc, argv); }
