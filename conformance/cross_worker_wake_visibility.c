/* cross_worker_wake_visibility: a goroutine woken by one on another worker
 * sees every write its waker made before the wake (plain data: under
 * ThreadSanitizer, a missing happens-before edge is a reported race).
 * Pairs of goroutines hand a token back and forth through unbuffered,
 * buffered and select operations, writing plain memory before each hand-off.
 *
 * expect-exit: 0
 * expect-stdout: 8 pairs x 2000 rounds consistent
 */
#include "check.h"
#include <gort.h>
#include <stdlib.h>

#define PAIRS 8
#define ROUNDS 2000

typedef struct pair {
    gort_chan *ping, *pong;
    long data[4]; /* plain, written before every send */
    gort_waitgroup *wg;
} pair;

static void pinger(void *p) {
    pair *x = p;
    for (long i = 0; i < ROUNDS; i++) {
        for (int k = 0; k < 4; k++)
            x->data[k] = i * 4 + k;
        if (i % 2) {
            gort_send(x->ping, &i);
        } else {
            gort_case c = {.ch = x->ping, .op = GORT_SEND, .elem = &i};
            gort_select(&c, 1, true);
        }
        long back;
        gort_recv(x->pong, &back);
        CHECK(back == -i && x->data[0] == -i, "round %ld: back %ld data %ld", i, back, x->data[0]);
    }
    gort_wg_done(x->wg);
}

static void ponger(void *p) {
    pair *x = p;
    for (long i = 0; i < ROUNDS; i++) {
        long v;
        gort_recv(x->ping, &v);
        CHECK(v == i, "got %ld want %ld", v, i);
        for (int k = 0; k < 4; k++)
            CHECK(x->data[k] == i * 4 + k, "stale data[%d] = %ld in round %ld", k, x->data[k], i);
        x->data[0] = -i;
        long back = -i;
        gort_send(x->pong, &back);
        if (i % 64 == 0)
            gort_yield(); /* invite migration */
    }
    gort_wg_done(x->wg);
}

static int real_main(int argc, char **argv) {
    (void)argc, (void)argv;
    gort_waitgroup *wg = gort_wg_make();
    gort_wg_add(wg, 2 * PAIRS);
    for (int i = 0; i < PAIRS; i++) {
        pair *x = calloc(1, sizeof *x);
        x->ping = gort_chan_make(sizeof(long), (size_t)(i % 3));
        x->pong = gort_chan_make(sizeof(long), 0);
        x->wg = wg;
        gort_go(pinger, x);
        gort_go(ponger, x);
    }
    gort_wg_wait(wg);
    printf("%d pairs x %d rounds consistent\n", PAIRS, ROUNDS);
    return 0;
}

int main(int argc, char **argv) { return gort_main(real_main, argc, argv); }
