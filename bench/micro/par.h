/*
 * par.h -- helpers shared by the microbenchmarks: Go's b.RunParallel done
 * with goroutines (P goroutines take batches of iterations from a shared
 * counter until b.N are done), and a registration shortcut.
 */
#ifndef GORT_BENCH_PAR_H
#define GORT_BENCH_PAR_H

#include "../gbench/gbench.h"
#include <gort.h>
#include <stdatomic.h>
#include <unistd.h>

/* GOMAXPROCS: the workers of an M:N backend; online CPUs on pthread. */
static inline int bench_procs(void) {
    int p = gort_procs();
    return p > 0 ? p : (int)sysconf(_SC_NPROCESSORS_ONLN);
}

typedef struct par_ctx {
    _Atomic int64_t left;  /* iterations not yet handed out */
    void *shared;          /* the benchmark's own state */
    void (*body)(struct par_ctx *p, void *local, int64_t n); /* runs n iterations */
    void *(*setup)(struct par_ctx *p); /* per-goroutine state, may be NULL */
    void (*teardown)(void *local);
    gort_waitgroup *wg;
} par_ctx;

static void par_goroutine(void *arg) {
    par_ctx *p = arg;
    void *local = p->setup ? p->setup(p) : NULL;
    for (;;) { /* pb.Next() in batches of 100, as Go's RunParallel grain */
        int64_t n = atomic_fetch_sub(&p->left, 100);
        if (n <= 0)
            break;
        p->body(p, local, n < 100 ? n : 100);
    }
    if (p->teardown)
        p->teardown(local);
    gort_wg_done(p->wg);
}

/* b.RunParallel over n iterations with bench_procs() goroutines. */
static inline void run_parallel(par_ctx *p, int64_t n) {
    int procs = bench_procs();
    atomic_store(&p->left, n);
    p->wg = gort_wg_make();
    gort_wg_add(p->wg, procs);
    for (int i = 0; i < procs; i++)
        gort_go(par_goroutine, p);
    gort_wg_wait(p->wg);
    gort_wg_free(p->wg);
}

/* Register a benchmark timed in real time (see gbench.h) at load time. */
#define BENCH(name, fn)                                                          \
    __attribute__((constructor)) static void register_##fn(void) {               \
        gbench_use_real_time(gbench_register(name, fn));                         \
    }

#endif
