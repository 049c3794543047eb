/* handshake.c -- unbuffered handshakes: Go's BenchmarkChanSync, and a
 * ping-pong round trip between two goroutines.  Run with GORT_PROCS=1 for
 * the same-worker figure and GORT_PROCS=2 for cross-worker (the harness does
 * both); ns per round trip is the time per iteration. */
#include "par.h"

#define CALLS_PER_SCHED 1000

typedef struct { _Atomic int32_t n; gort_chan *myc, *done; } sync_ctx;

static void sync_worker(void *arg) {
    sync_ctx *c = arg;
    int v = 0;
    for (;;) {
        int32_t i = atomic_fetch_sub(&c->n, 1) - 1;
        if (i < 0)
            break;
        for (int g = 0; g < CALLS_PER_SCHED; g++) {
            if (i % 2 == 0) {
                gort_recv(c->myc, &v);
                gort_send(c->myc, &v);
            } else {
                gort_send(c->myc, &v);
                gort_recv(c->myc, &v);
            }
        }
    }
    gort_send(c->done, NULL);
}

static void BM_ChanSync(gbench_state *st) {
    int64_t n = gbench_max_iterations(st);
    while (gbench_keep_running_batch(st, n)) {
        sync_ctx c = {.myc = gort_chan_make(sizeof(int), 0), .done = gort_chan_make(0, 2)};
        atomic_store(&c.n, (int32_t)(n / CALLS_PER_SCHED / 2 * 2));
        gort_go(sync_worker, &c);
        gort_go(sync_worker, &c);
        gort_recv(c.done, NULL);
        gort_recv(c.done, NULL);
        gort_chan_free(c.myc);
        gort_chan_free(c.done);
    }
}
BENCH("ChanSync", BM_ChanSync)

typedef struct { gort_chan *ping, *pong; int64_t n; } pp_ctx;

static void ponger(void *arg) {
    pp_ctx c = *(pp_ctx *)arg; /* main's copy is gone once the last pong lands */
    int64_t v;
    for (int64_t i = 0; i < c.n; i++) {
        gort_recv(c.ping, &v);
        gort_send(c.pong, &v);
    }
}

static void BM_PingPong(gbench_state *st) {
    int64_t n = gbench_max_iterations(st);
    while (gbench_keep_running_batch(st, n)) {
        pp_ctx c = {gort_chan_make(sizeof(int64_t), 0), gort_chan_make(sizeof(int64_t), 0), n};
        gort_go(ponger, &c);
        for (int64_t i = 0; i < n; i++) {
            gort_send(c.ping, &i);
            gort_recv(c.pong, NULL);
        }
        gort_chan_free(c.ping);
        gort_chan_free(c.pong);
    }
    gbench_set_items_processed(st, gbench_iterations(st));
}
BENCH("PingPong", BM_PingPong)
