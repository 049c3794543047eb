/*
 * gate.c -- fixed workloads for the deterministic regression gate
 * (scripts/gate.py).  Only the measured loop runs between the callgrind
 * start/stop requests, so instruction and syscall counts exclude start-up.
 * Run with GORT_PROCS=1: one worker makes the counts repeatable.
 *
 *   gate WORKLOAD N      WORKLOAD: pingpong buffered select spawn mutex waitgroup
 */
#include <gort.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <valgrind/callgrind.h>

static long n;

typedef struct { gort_chan *a, *b; } pair;

static void echo(void *p) {
    pair *x = p;
    long v;
    while (gort_recv(x->a, &v))
        gort_send(x->b, &v);
}

static void pingpong(void) {
    pair x = {gort_chan_make(sizeof(long), 0), gort_chan_make(sizeof(long), 0)};
    gort_go(echo, &x);
    long v = 0;
    gort_send(x.a, &v); /* warm: the goroutine is running and parked */
    gort_recv(x.b, &v);
    CALLGRIND_START_INSTRUMENTATION;
    for (long i = 0; i < n; i++) {
        gort_send(x.a, &i);
        gort_recv(x.b, &v);
    }
    CALLGRIND_STOP_INSTRUMENTATION;
}

static void drain(void *c) {
    long v;
    while (gort_recv(c, &v))
        ;
}

static void buffered(void) {
    gort_chan *c = gort_chan_make(sizeof(long), 16);
    gort_go(drain, c);
    CALLGRIND_START_INSTRUMENTATION;
    for (long i = 0; i < n; i++)
        gort_send(c, &i);
    CALLGRIND_STOP_INSTRUMENTATION;
}

static void selecter(void *p) {
    pair *x = p;
    long v;
    gort_case k[2] = {{.ch = x->a, .op = GORT_RECV, .elem = &v}, {.ch = x->b, .op = GORT_RECV, .elem = &v}};
    for (;;)
        gort_select(k, 2, true);
}

static void select_(void) {
    pair x = {gort_chan_make(sizeof(long), 0), gort_chan_make(sizeof(long), 1)};
    gort_go(selecter, &x);
    CALLGRIND_START_INSTRUMENTATION;
    for (long i = 0; i < n; i++)
        gort_send(i % 2 ? x.a : x.b, &i);
    CALLGRIND_STOP_INSTRUMENTATION;
}

static void done(void *wg) { gort_wg_done(wg); }

static void spawn(void) {
    gort_waitgroup *wg = gort_wg_make();
    gort_wg_add(wg, 64); /* warm the stack caches */
    for (int i = 0; i < 64; i++)
        gort_go(done, wg);
    gort_wg_wait(wg);
    /* Let what the warm-up set going in the background (the stack carver
     * making slots ahead, runtimes/mn/stack.c) finish before the count. */
    gort_sleep(100 * 1000000);
    CALLGRIND_START_INSTRUMENTATION;
    for (long i = 0; i < n; i++) {
        gort_wg_add(wg, 1);
        gort_go(done, wg);
        gort_wg_wait(wg);
    }
    CALLGRIND_STOP_INSTRUMENTATION;
}

static gort_mutex *mu;
static long counter;

static void locker(void *wg) {
    for (long i = 0; i < n; i++) {
        gort_mutex_lock(mu);
        counter++;
        gort_mutex_unlock(mu);
        if (i % 8 == 0)
            gort_yield();
    }
    gort_wg_done(wg);
}

static void mutex(void) {
    mu = gort_mutex_make();
    gort_waitgroup *wg = gort_wg_make();
    gort_wg_add(wg, 2);
    CALLGRIND_START_INSTRUMENTATION;
    gort_go(locker, wg);
    gort_go(locker, wg);
    gort_wg_wait(wg);
    CALLGRIND_STOP_INSTRUMENTATION;
    if (counter != 2 * n)
        gort_panic("gate: mutex counter is wrong");
}

static void waitgroup(void) {
    gort_waitgroup *wg = gort_wg_make();
    CALLGRIND_START_INSTRUMENTATION;
    for (long i = 0; i < n; i++) {
        gort_wg_add(wg, 1);
        gort_wg_done(wg);
        gort_wg_wait(wg);
    }
    CALLGRIND_STOP_INSTRUMENTATION;
}

static int real_main(int argc, char **argv) {
    static const struct { const char *name; void (*fn)(void); } w[] = {
        {"pingpong", pingpong}, {"buffered", buffered}, {"select", select_},
        {"spawn", spawn}, {"mutex", mutex}, {"waitgroup", waitgroup}};
    if (argc != 3 || (n = atol(argv[2])) <= 0) {
        fprintf(stderr, "usage: gate WORKLOAD N\n");
        return 2;
    }
    for (size_t i = 0; i < sizeof w / sizeof w[0]; i++)
        if (!strcmp(argv[1], w[i].name)) {
            w[i].fn();
            return 0;
        }
    fprintf(stderr, "gate: unknown workload '%s'\n", argv[1]);
    return 2;
}

int main(int argc, char **argv) { return gort_main(real_main, argc, argv); }
