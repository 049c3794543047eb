/* fanout.c -- a fan-out of CPU-bound tasks: the main goroutine spawns T
 * tasks, B at a time with a yield between batches, and waits for them on a
 * WaitGroup.  Each task runs an LCG for I steps (about 20 us at the
 * default) and no channel: the workload where spreading goroutines over the
 * workers at once pays, against the channel workloads, where keeping
 * partners on one worker does (sched.c's steal wait decides between them).
 * Usage: fanout [tasks=2000] [iters=15000] [batch=4] */
#include <gort.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

static uint64_t *out;
static long iters;
static gort_waitgroup *wg;

static uint64_t lcg(uint64_t x, long n) {
    for (long i = 0; i < n; i++)
        x = x * 6364136223846793005u + 1442695040888963407u;
    return x;
}

static void task(void *arg) {
    long i = (long)(intptr_t)arg;
    out[i] = lcg((uint64_t)i + 1, iters);
    gort_wg_done(wg);
}

static int real_main(int argc, char **argv) {
    long n = argc > 1 ? atol(argv[1]) : 2000;
    iters = argc > 2 ? atol(argv[2]) : 15000;
    long batch = argc > 3 ? atol(argv[3]) : 4;
    if (n <= 0 || iters < 0 || batch <= 0) {
        fprintf(stderr, "usage: fanout [tasks>0] [iters>=0] [batch>0]\n");
        return 2;
    }
    out = calloc((size_t)n, sizeof *out);
    wg = gort_wg_make();
    if (!out) {
        fprintf(stderr, "fanout: out of memory\n");
        return 1;
    }
    for (long i = 0; i < n; i += batch) {
        long b = n - i < batch ? n - i : batch;
        gort_wg_add(wg, b);
        for (long j = 0; j < b; j++)
            gort_go(task, (void *)(intptr_t)(i + j));
        gort_yield();
    }
    gort_wg_wait(wg);
    for (long i = 0; i < n; i += 61) /* a sample, recomputed here */
        if (out[i] != lcg((uint64_t)i + 1, iters)) {
            fprintf(stderr, "fanout: task %ld computed a wrong value\n", i);
            return 1;
        }
    gort_wg_free(wg);
    free(out);
    return 0;
}

int main(int argc, char **argv) { return gort_main(real_main, argc, argv); }
