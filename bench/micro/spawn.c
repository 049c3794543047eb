/* spawn.c -- the cost of a goroutine: Go's BenchmarkCreateGoroutines (each
 * goroutine spawns the next, then ends), spawning N at once then waiting
 * for all of them with a WaitGroup (N = 1: spawn one and wait for it), and
 * Yield: two goroutines handing the worker to each other, the scheduler's
 * own switch (one iteration is two yields, a round trip). */
#include "par.h"

typedef struct { gort_chan *done; } chain;
static chain the_chain;

static void chain_step(void *arg) {
    int64_t n = (int64_t)(intptr_t)arg;
    if (n == 0) {
        gort_send(the_chain.done, NULL);
        return;
    }
    gort_go(chain_step, (void *)(intptr_t)(n - 1));
}

static void BM_CreateGoroutines(gbench_state *st) {
    int64_t n = gbench_max_iterations(st);
    while (gbench_keep_running_batch(st, n)) {
        the_chain.done = gort_chan_make(0, 0);
        gort_go(chain_step, (void *)(intptr_t)n);
        gort_recv(the_chain.done, NULL);
        gort_chan_free(the_chain.done);
    }
    gbench_set_items_processed(st, gbench_iterations(st));
}
BENCH("CreateGoroutines", BM_CreateGoroutines)

static void done_one(void *wg) { gort_wg_done(wg); }

static void BM_SpawnWait(gbench_state *st) {
    int64_t n = gbench_range_x(st, 0), iters = gbench_max_iterations(st);
    gort_waitgroup *wg = gort_wg_make();
    while (gbench_keep_running_batch(st, iters)) { /* Go's for i < b.N */
        for (int64_t k = 0; k < iters; k++) {
            gort_wg_add(wg, n);
            for (int64_t i = 0; i < n; i++)
                gort_go(done_one, wg);
            gort_wg_wait(wg);
        }
    }
    gort_wg_free(wg);
    gbench_set_items_processed(st, gbench_iterations(st) * n);
}
__attribute__((constructor)) static void register_spawnwait(void) {
    gbench_arg(gbench_arg(gbench_arg(gbench_arg_name(gbench_use_real_time(gbench_register("SpawnWait", BM_SpawnWait)), "n"),
                                     1), 1000), 100000);
}

typedef struct { int64_t n; gort_waitgroup *wg; } yield_args;

static void yielder(void *arg) {
    yield_args *y = arg;
    for (int64_t i = 0; i < y->n; i++)
        gort_yield();
    gort_wg_done(y->wg);
}

static void BM_Yield(gbench_state *st) {
    int64_t n = gbench_max_iterations(st);
    while (gbench_keep_running_batch(st, n)) {
        yield_args y = {n, gort_wg_make()};
        gort_wg_add(y.wg, 1);
        gort_go(yielder, &y);
        for (int64_t i = 0; i < n; i++)
            gort_yield();
        gort_wg_wait(y.wg);
        gort_wg_free(y.wg);
    }
}
BENCH("Yield", BM_Yield)
