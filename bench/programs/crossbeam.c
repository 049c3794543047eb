/* crossbeam.c -- the channel workloads published for Go, crossbeam and flume
 * (crossbeam-channel's benchmarks): MESSAGES messages, THREADS goroutines.
 *   crossbeam WORKLOAD CAP [MESSAGES]
 * WORKLOAD: seq spsc mpsc mpmc select_rx select_both; CAP: 0, 1, or N
 * (N = MESSAGES, crossbeam's "bounded").  seq needs CAP N. */
#include <gort.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define THREADS 4
static long messages = 5000000;
static size_t cap;

typedef struct { gort_chan *ch; gort_chan **chs; long n; gort_waitgroup *wg; } job;

static void sender(void *p) {
    job *j = p;
    for (long i = 0; i < j->n; i++)
        gort_send(j->ch, &i);
    gort_wg_done(j->wg);
}

static void receiver(void *p) {
    job *j = p;
    long v;
    for (long i = 0; i < j->n; i++)
        gort_recv(j->ch, &v);
    gort_wg_done(j->wg);
}

static void select_sender(void *p) {
    job *j = p;
    for (long i = 0; i < j->n; i++) {
        gort_case k[THREADS];
        for (int t = 0; t < THREADS; t++)
            k[t] = (gort_case){.ch = j->chs[t], .op = GORT_SEND, .elem = &i};
        gort_select(k, THREADS, true);
    }
    gort_wg_done(j->wg);
}

static void select_receiver(void *p) {
    job *j = p;
    long v;
    gort_case k[THREADS];
    for (int t = 0; t < THREADS; t++)
        k[t] = (gort_case){.ch = j->chs[t], .op = GORT_RECV, .elem = &v};
    for (long i = 0; i < j->n; i++)
        gort_select(k, THREADS, true);
    gort_wg_done(j->wg);
}

static gort_chan *mk(void) { return gort_chan_make(sizeof(long), cap); }

static void run(const char *w) {
    gort_waitgroup *wg = gort_wg_make();
    gort_chan *chs[THREADS];
    for (int t = 0; t < THREADS; t++)
        chs[t] = mk();
    job one = {chs[0], chs, messages, wg};
    job part = {chs[0], chs, messages / THREADS, wg};
    long v;
    if (!strcmp(w, "seq")) {
        for (long i = 0; i < messages; i++)
            gort_send(chs[0], &i);
        for (long i = 0; i < messages; i++)
            gort_recv(chs[0], &v);
        return;
    } else if (!strcmp(w, "spsc")) {
        gort_wg_add(wg, 1);
        gort_go(sender, &one);
        for (long i = 0; i < messages; i++)
            gort_recv(chs[0], &v);
    } else if (!strcmp(w, "mpsc")) {
        gort_wg_add(wg, THREADS);
        for (int t = 0; t < THREADS; t++)
            gort_go(sender, &part);
        for (long i = 0; i < messages / THREADS * THREADS; i++)
            gort_recv(chs[0], &v);
    } else if (!strcmp(w, "mpmc")) {
        gort_wg_add(wg, 2 * THREADS);
        for (int t = 0; t < THREADS; t++) {
            gort_go(sender, &part);
            gort_go(receiver, &part);
        }
    } else if (!strcmp(w, "select_rx")) {
        job js[THREADS];
        gort_wg_add(wg, THREADS);
        for (int t = 0; t < THREADS; t++) {
            js[t] = (job){chs[t], chs, messages / THREADS, wg};
            gort_go(sender, &js[t]);
        }
        gort_case k[THREADS];
        for (int t = 0; t < THREADS; t++)
            k[t] = (gort_case){.ch = chs[t], .op = GORT_RECV, .elem = &v};
        for (long i = 0; i < messages / THREADS * THREADS; i++)
            gort_select(k, THREADS, true);
        gort_wg_wait(wg);
        return;
    } else if (!strcmp(w, "select_both")) {
        gort_wg_add(wg, 2 * THREADS);
        for (int t = 0; t < THREADS; t++) {
            gort_go(select_sender, &part);
            gort_go(select_receiver, &part);
        }
    } else {
        fprintf(stderr, "crossbeam: unknown workload '%s' (seq spsc mpsc mpmc select_rx select_both)\n", w);
        exit(2);
    }
    gort_wg_wait(wg);
}

static int real_main(int argc, char **argv) {
    if (argc < 3) {
        fprintf(stderr, "usage: crossbeam WORKLOAD CAP|N [MESSAGES]\n");
        return 2;
    }
    if (argc > 3)
        messages = atol(argv[3]);
    cap = !strcmp(argv[2], "N") ? (size_t)messages : (size_t)atol(argv[2]);
    if (!strcmp(argv[1], "seq") && cap < (size_t)messages) {
        fprintf(stderr, "crossbeam: seq needs CAP N (it would block on a full channel)\n");
        return 2;
    }
    run(argv[1]);
    return 0;
}

int main(int argc, char **argv) { return gort_main(real_main, argc, argv); }
