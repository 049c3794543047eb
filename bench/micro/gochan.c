/* gochan.c -- Go's runtime channel and select benchmarks (chan_test.go),
 * same names, same work per iteration, b.RunParallel done with goroutines. */
#include "par.h"

#include <stdlib.h>

/* ChanUncontended: each goroutine fills and drains its own channel of 100. */
static void *own_chan(par_ctx *p) { (void)p; return gort_chan_make(sizeof(int), 100); }
static void free_chan(void *c) { gort_chan_free(c); }
static void fill_drain(par_ctx *p, void *ch, int64_t n) {
    gort_chan *c = ch ? ch : p->shared;
    int v = 0;
    for (int64_t k = 0; k < n; k++) {
        for (int i = 0; i < 100; i++)
            gort_send(c, &v);
        for (int i = 0; i < 100; i++)
            gort_recv(c, &v);
    }
}
static void BM_ChanUncontended(gbench_state *st) {
    static par_last last;
    int64_t n = gbench_max_iterations(st);
    while (gbench_keep_running_batch(st, n)) {
        par_ctx p = {.last = &last, .body = fill_drain, .setup = own_chan, .teardown = free_chan};
        run_parallel(&p, n);
    }
}
BENCH("ChanUncontended", BM_ChanUncontended)

/* ChanContended: the same on one shared channel of 100 * GOMAXPROCS. */
static void BM_ChanContended(gbench_state *st) {
    static par_last last;
    int64_t n = gbench_max_iterations(st);
    while (gbench_keep_running_batch(st, n)) {
        par_ctx p = {.last = &last,
                     .body = fill_drain,
                     .shared = gort_chan_make(sizeof(int), 100 * (size_t)bench_procs())};
        run_parallel(&p, n);
        gort_chan_free(p.shared);
    }
}
BENCH("ChanContended", BM_ChanContended)

/* ChanNonblocking: a failing non-blocking receive. */
static void nonblocking(par_ctx *p, void *l, int64_t n) {
    (void)l;
    int v;
    gort_case k = {.ch = p->shared, .op = GORT_RECV, .elem = &v};
    for (int64_t i = 0; i < n; i++)
        gort_select(&k, 1, false);
}
static void BM_ChanNonblocking(gbench_state *st) {
    static par_last last;
    int64_t n = gbench_max_iterations(st);
    while (gbench_keep_running_batch(st, n)) {
        par_ctx p = {.last = &last, .body = nonblocking, .shared = gort_chan_make(sizeof(int), 0)};
        run_parallel(&p, n);
        gort_chan_free(p.shared);
    }
}
BENCH("ChanNonblocking", BM_ChanNonblocking)

/* ChanCreation: make(chan int, 1), one send, one receive (and a free: C). */
static void creation(par_ctx *p, void *l, int64_t n) {
    (void)p, (void)l;
    int v = 0;
    for (int64_t i = 0; i < n; i++) {
        gort_chan *c = gort_chan_make(sizeof(int), 1);
        gort_send(c, &v);
        gort_recv(c, &v);
        gort_chan_free(c);
    }
}
static void BM_ChanCreation(gbench_state *st) {
    static par_last last;
    run_parallel_bench(st, &last, creation);
}
BENCH("ChanCreation", BM_ChanCreation)

/* ChanSem: a channel of capacity GOMAXPROCS as a semaphore. */
static void sem(par_ctx *p, void *l, int64_t n) {
    (void)l;
    for (int64_t i = 0; i < n; i++) {
        gort_send(p->shared, NULL);
        gort_recv(p->shared, NULL);
    }
}
static void BM_ChanSem(gbench_state *st) {
    static par_last last;
    int64_t n = gbench_max_iterations(st);
    while (gbench_keep_running_batch(st, n)) {
        par_ctx p = {
            .last = &last, .body = sem, .shared = gort_chan_make(0, (size_t)bench_procs())};
        run_parallel(&p, n);
        gort_chan_free(p.shared);
    }
}
BENCH("ChanSem", BM_ChanSem)

/* SelectUncontended: per goroutine, a token bouncing between two channels. */
typedef struct { gort_chan *a, *b; } two;
static void *own_two(par_ctx *p) {
    (void)p;
    two *t = malloc(sizeof *t);
    t->a = gort_chan_make(sizeof(int), 1);
    t->b = gort_chan_make(sizeof(int), 1);
    int z = 0;
    gort_send(t->a, &z);
    return t;
}
static void free_two(void *l) {
    two *t = l;
    gort_chan_free(t->a);
    gort_chan_free(t->b);
    free(t);
}
static void bounce(par_ctx *p, void *l, int64_t n) {
    two *t = l ? l : p->shared;
    int v;
    gort_case k[2] = {{.ch = t->a, .op = GORT_RECV, .elem = &v}, {.ch = t->b, .op = GORT_RECV, .elem = &v}};
    for (int64_t i = 0; i < n; i++)
        gort_send(gort_select(k, 2, true) == 0 ? t->b : t->a, &v);
}
static void BM_SelectUncontended(gbench_state *st) {
    static par_last last;
    int64_t n = gbench_max_iterations(st);
    while (gbench_keep_running_batch(st, n)) {
        par_ctx p = {.last = &last, .body = bounce, .setup = own_two, .teardown = free_two};
        run_parallel(&p, n);
    }
}
BENCH("SelectUncontended", BM_SelectUncontended)

/* SelectAsyncContended: the same on two shared channels of GOMAXPROCS,
 * each goroutine adding one token. */
static void *add_token(par_ctx *p) {
    int z = 0;
    gort_send(((two *)p->shared)->a, &z);
    return NULL;
}
static void BM_SelectAsyncContended(gbench_state *st) {
    static par_last last;
    int64_t n = gbench_max_iterations(st);
    size_t procs = (size_t)bench_procs();
    while (gbench_keep_running_batch(st, n)) {
        two t = {gort_chan_make(sizeof(int), procs), gort_chan_make(sizeof(int), procs)};
        par_ctx p = {.last = &last, .body = bounce, .setup = add_token, .shared = &t};
        run_parallel(&p, n);
        gort_chan_free(t.a);
        gort_chan_free(t.b);
    }
}
BENCH("SelectAsyncContended", BM_SelectAsyncContended)

/* SelectSyncContended: per goroutine a helper offers on three shared
 * unbuffered channels; the goroutine receives from whichever. */
typedef struct { gort_chan *c[3]; gort_chan *done; gort_waitgroup *helpers; } sync3;
static void offerer(void *arg) {
    sync3 *s = arg;
    int z = 0;
    gort_case k[4] = {{.ch = s->c[0], .op = GORT_SEND, .elem = &z}, {.ch = s->c[1], .op = GORT_SEND, .elem = &z},
                      {.ch = s->c[2], .op = GORT_SEND, .elem = &z}, {.ch = s->done, .op = GORT_RECV}};
    while (gort_select(k, 4, true) != 3)
        ;
    gort_wg_done(s->helpers);
}
static void *start_offerer(par_ctx *p) {
    sync3 *s = p->shared;
    gort_wg_add(s->helpers, 1);
    gort_go(offerer, s);
    return NULL;
}
static void take3(par_ctx *p, void *l, int64_t n) {
    (void)l;
    sync3 *s = p->shared;
    int v;
    gort_case k[3] = {{.ch = s->c[0], .op = GORT_RECV, .elem = &v}, {.ch = s->c[1], .op = GORT_RECV, .elem = &v},
                      {.ch = s->c[2], .op = GORT_RECV, .elem = &v}};
    for (int64_t i = 0; i < n; i++)
        gort_select(k, 3, true);
}
static void BM_SelectSyncContended(gbench_state *st) {
    static par_last last;
    int64_t n = gbench_max_iterations(st);
    while (gbench_keep_running_batch(st, n)) {
        sync3 s = {{gort_chan_make(sizeof(int), 0), gort_chan_make(sizeof(int), 0), gort_chan_make(sizeof(int), 0)},
                   gort_chan_make(0, 0), gort_wg_make()};
        par_ctx p = {.last = &last, .body = take3, .setup = start_offerer, .shared = &s};
        run_parallel(&p, n);
        gort_close(s.done);
        gort_wg_wait(s.helpers);
        for (int i = 0; i < 3; i++)
            gort_chan_free(s.c[i]);
        gort_chan_free(s.done);
        gort_wg_free(s.helpers);
    }
}
BENCH("SelectSyncContended", BM_SelectSyncContended)

/* SelectNonblock: four non-blocking selects that all fall to default. */
static void nonblock4(par_ctx *p, void *l, int64_t n) {
    (void)l;
    gort_chan **c = p->shared;
    int v = 0;
    gort_case k[4] = {{.ch = c[0], .op = GORT_RECV, .elem = &v}, {.ch = c[1], .op = GORT_SEND, .elem = &v},
                      {.ch = c[2], .op = GORT_RECV, .elem = &v}, {.ch = c[3], .op = GORT_SEND, .elem = &v}};
    for (int64_t i = 0; i < n; i++)
        for (int j = 0; j < 4; j++)
            gort_select(&k[j], 1, false);
}
static void BM_SelectNonblock(gbench_state *st) {
    static par_last last;
    int64_t n = gbench_max_iterations(st);
    while (gbench_keep_running_batch(st, n)) {
        gort_chan *c[4] = {gort_chan_make(sizeof(int), 0), gort_chan_make(sizeof(int), 0),
                           gort_chan_make(sizeof(int), 1), gort_chan_make(sizeof(int), 1)};
        int z = 0;
        gort_send(c[3], &z); /* full: the send case falls to default too */
        par_ctx p = {.last = &last, .body = nonblock4, .shared = c};
        run_parallel(&p, n);
        for (int i = 0; i < 4; i++)
            gort_chan_free(c[i]);
    }
}
BENCH("SelectNonblock", BM_SelectNonblock)
