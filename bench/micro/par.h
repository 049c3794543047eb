/*
 * par.h -- helpers shared by the microbenchmarks: Go's b.RunParallel done
 * with goroutines (P goroutines take grains of iterations from a shared
 * counter until b.N are done), and a registration shortcut.
 */
#ifndef GORT_BENCH_PAR_H
#define GORT_BENCH_PAR_H

#include "../gbench/gbench.h"
#include <gort.h>
#include <stdatomic.h>
#include <time.h>
#include <unistd.h>

/* GOMAXPROCS: the workers of an M:N backend; online CPUs on pthread. */
static inline int bench_procs(void) {
    int p = gort_procs();
    return p > 0 ? p : (int)sysconf(_SC_NPROCESSORS_ONLN);
}

/* The previous run of one benchmark (Go's b.previousN and
 * b.previousDuration), which sizes the next run's grain: each benchmark
 * keeps one, static, and points its par_ctx at it. */
typedef struct par_last {
    int64_t n, ns;
} par_last;

typedef struct par_ctx {
    _Atomic int64_t left;  /* iterations not yet handed out */
    int64_t grain;         /* iterations taken from `left` at a time */
    par_last *last;        /* this benchmark's previous run */
    void *shared;          /* the benchmark's own state */
    void (*body)(struct par_ctx *p, void *local, int64_t n); /* runs n iterations */
    void *(*setup)(struct par_ctx *p); /* per-goroutine state, may be NULL */
    void (*teardown)(void *local);
    gort_waitgroup *wg;
} par_ctx;

static void par_goroutine(void *arg) {
    par_ctx *p = arg;
    void *local = p->setup ? p->setup(p) : NULL;
    for (;;) { /* pb.Next(), a grain at a time */
        int64_t n = atomic_fetch_sub(&p->left, p->grain);
        if (n <= 0)
            break;
        p->body(p, local, n < p->grain ? n : p->grain);
    }
    if (p->teardown)
        p->teardown(local);
    gort_wg_done(p->wg);
}

/* Go's grain (testing/benchmark.go): the iterations that took about 100 us
 * in the previous run, from 1 to 10,000.  A grain much smaller than Go's
 * would charge a benchmark of a few nanoseconds one contended atomic every
 * few hundred nanoseconds, which Go's loop does not pay. */
static inline int64_t par_grain(const par_last *last) {
    int64_t g = last->n > 0 && last->ns > 0 ? 100000 * last->n / last->ns : 1;
    return g < 1 ? 1 : g > 10000 ? 10000 : g;
}

static inline int64_t par_now_ns(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (int64_t)t.tv_sec * 1000000000 + t.tv_nsec;
}

/* b.RunParallel over n iterations with bench_procs() goroutines. */
static inline void run_parallel(par_ctx *p, int64_t n) {
    int procs = bench_procs();
    int64_t start = par_now_ns();
    p->grain = par_grain(p->last);
    atomic_store(&p->left, n);
    p->wg = gort_wg_make();
    gort_wg_add(p->wg, procs);
    for (int i = 0; i < procs; i++)
        gort_go(par_goroutine, p);
    gort_wg_wait(p->wg);
    gort_wg_free(p->wg);
    *p->last = (par_last){n, par_now_ns() - start};
}

/* A benchmark that is b.RunParallel(body) alone, with no shared state;
 * last is the benchmark's own (static) previous run. */
static inline void run_parallel_bench(gbench_state *st, par_last *last,
                                      void (*body)(par_ctx *p, void *local, int64_t n)) {
    int64_t n = gbench_max_iterations(st);
    while (gbench_keep_running_batch(st, n)) {
        par_ctx p = {.last = last, .body = body};
        run_parallel(&p, n);
    }
}

/* Register a benchmark timed in real time (see gbench.h) at load time. */
#define BENCH(name, fn)                                                          \
    __attribute__((constructor)) static void register_##fn(void) {               \
        gbench_use_real_time(gbench_register(name, fn));                         \
    }

#endif
