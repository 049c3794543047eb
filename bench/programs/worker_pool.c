/* worker_pool.c -- Go by Example's worker pool at scale: W workers take J
 * jobs from a buffered channel and send results back.
 * Usage: worker_pool [jobs=200000] [workers=8] */
#include <gort.h>
#include <stdio.h>
#include <stdlib.h>

static gort_chan *jobs, *results;

static void worker(void *arg) {
    (void)arg;
    long j;
    while (gort_recv(jobs, &j)) {
        long r = j * 2;
        gort_send(results, &r);
    }
}

static void feeder(void *arg) {
    long n = (long)(intptr_t)arg;
    for (long j = 1; j <= n; j++)
        gort_send(jobs, &j);
    gort_close(jobs);
}

static int real_main(int argc, char **argv) {
    long n = argc > 1 ? atol(argv[1]) : 200000;
    int w = argc > 2 ? atoi(argv[2]) : 8;
    jobs = gort_chan_make(sizeof(long), 100);
    results = gort_chan_make(sizeof(long), 100);
    for (int i = 0; i < w; i++)
        gort_go(worker, NULL);
    gort_go(feeder, (void *)(intptr_t)n);
    long sum = 0, r;
    for (long i = 0; i < n; i++) {
        gort_recv(results, &r);
        sum += r;
    }
    if (sum != n * (n + 1)) {
        fprintf(stderr, "worker_pool: wrong sum %ld\n", sum);
        return 1;
    }
    return 0;
}

int main(int argc, char **argv) { return gort_main(real_main, argc, argv); }
