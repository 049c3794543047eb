/* buffered.c -- buffered channel throughput: Go's BenchmarkChanProdCons0,
 * 10 and 100 (GOMAXPROCS producer/consumer pairs on one channel), one
 * producer and one consumer over capacity 1, 16 and 1024, and 4 producers x
 * 4 consumers over capacity 128.  items/s is messages per second. */
#include "par.h"

#define CALLS_PER_SCHED 1000

typedef struct { _Atomic int32_t n; gort_chan *myc, *done; } pc_ctx;

static void producer(void *arg) {
    pc_ctx *c = arg;
    int one = 1, zero = 0;
    while (atomic_fetch_sub(&c->n, 1) - 1 >= 0)
        for (int g = 0; g < CALLS_PER_SCHED; g++)
            gort_send(c->myc, &one);
    gort_send(c->myc, &zero);
    gort_send(c->done, NULL);
}

static void consumer(void *arg) {
    pc_ctx *c = arg;
    int v;
    do
        gort_recv(c->myc, &v);
    while (v != 0);
    gort_send(c->done, NULL);
}

static void prodcons(gbench_state *st, size_t cap) {
    int64_t n = gbench_max_iterations(st);
    int procs = bench_procs();
    while (gbench_keep_running_batch(st, n)) {
        pc_ctx c = {.myc = gort_chan_make(sizeof(int), cap), .done = gort_chan_make(0, (size_t)(2 * procs))};
        atomic_store(&c.n, (int32_t)(n / CALLS_PER_SCHED));
        for (int p = 0; p < procs; p++) {
            gort_go(producer, &c);
            gort_go(consumer, &c);
        }
        for (int p = 0; p < 2 * procs; p++)
            gort_recv(c.done, NULL);
        gort_chan_free(c.myc);
        gort_chan_free(c.done);
    }
}

static void BM_ChanProdCons0(gbench_state *st) { prodcons(st, 0); }
static void BM_ChanProdCons10(gbench_state *st) { prodcons(st, 10); }
static void BM_ChanProdCons100(gbench_state *st) { prodcons(st, 100); }
BENCH("ChanProdCons0", BM_ChanProdCons0)
BENCH("ChanProdCons10", BM_ChanProdCons10)
BENCH("ChanProdCons100", BM_ChanProdCons100)

typedef struct { gort_chan *ch; int64_t n; gort_waitgroup *wg; } flow;

static void flow_send(void *arg) {
    flow *f = arg;
    for (int64_t i = 0; i < f->n; i++)
        gort_send(f->ch, &i);
    gort_wg_done(f->wg);
}

static void flow_recv(void *arg) {
    flow *f = arg;
    int64_t v;
    for (int64_t i = 0; i < f->n; i++)
        gort_recv(f->ch, &v);
    gort_wg_done(f->wg);
}

/* p producers and p consumers, n messages in all, capacity from arg 0. */
static void mpmc(gbench_state *st, int p) {
    size_t cap = (size_t)gbench_range_x(st, 0);
    int64_t n = gbench_max_iterations(st);
    while (gbench_keep_running_batch(st, n)) {
        flow f = {gort_chan_make(sizeof(int64_t), cap), n / p, gort_wg_make()};
        gort_wg_add(f.wg, 2 * p);
        for (int i = 0; i < p; i++) {
            gort_go(flow_send, &f);
            gort_go(flow_recv, &f);
        }
        gort_wg_wait(f.wg);
        gort_wg_free(f.wg);
        gort_chan_free(f.ch);
    }
    gbench_set_items_processed(st, gbench_iterations(st) / p * p);
}

static void BM_BufferedSPSC(gbench_state *st) { mpmc(st, 1); }
static void BM_BufferedMPMC4x4(gbench_state *st) { mpmc(st, 4); }
__attribute__((constructor)) static void register_buffered(void) {
    gbench_arg(gbench_arg(gbench_arg(gbench_arg_name(gbench_use_real_time(
        gbench_register("BufferedSPSC", BM_BufferedSPSC)), "cap"), 1), 16), 1024);
    gbench_arg(gbench_arg_name(gbench_use_real_time(gbench_register("BufferedMPMC4x4", BM_BufferedMPMC4x4)), "cap"), 128);
}
