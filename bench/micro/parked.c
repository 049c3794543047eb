/* parked.c -- memory per parked goroutine: spawn N goroutines that each
 * block on one channel, measure resident memory and the time to spawn them
 * all, then close the channel and time waking and finishing them all.
 * Prints one JSON object.  Usage: parked [N]  (default 1,000,000) */
#include <gort.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

static gort_chan *gate;
static gort_waitgroup *parked, *finished;

static long rss_bytes(void) {
    long pages = 0, resident = 0;
    FILE *f = fopen("/proc/self/statm", "r");
    if (!f || fscanf(f, "%ld %ld", &pages, &resident) != 2)
        resident = -1;
    if (f)
        fclose(f);
    return resident * sysconf(_SC_PAGESIZE);
}

static void g(void *arg) {
    (void)arg;
    gort_wg_done(parked);
    gort_recv(gate, NULL);
    gort_wg_done(finished);
}

static int real_main(int argc, char **argv) {
    long n = argc > 1 ? atol(argv[1]) : 1000000;
    if (n <= 0) {
        fprintf(stderr, "usage: parked [N>0]\n");
        return 2;
    }
    gate = gort_chan_make(0, 0);
    parked = gort_wg_make();
    finished = gort_wg_make();
    gort_wg_add(parked, n);
    gort_wg_add(finished, n);
    long rss0 = rss_bytes();
    int64_t t0 = gort_nanotime();
    for (long i = 0; i < n; i++)
        gort_go(g, NULL);
    gort_wg_wait(parked);
    int64_t t1 = gort_nanotime();
    long rss1 = rss_bytes();
    gort_close(gate);
    gort_wg_wait(finished);
    int64_t t2 = gort_nanotime();
    printf("{\"backend\": \"%s\", \"procs\": %d, \"goroutines\": %ld, \"spawn_park_s\": %.6f, "
           "\"wake_finish_s\": %.6f, \"rss_bytes\": %ld, \"rss_per_goroutine\": %.1f}\n",
           gort_backend(), gort_procs(), n, (t1 - t0) / 1e9, (t2 - t1) / 1e9, rss1 - rss0,
           (double)(rss1 - rss0) / (double)n);
    return 0;
}

int main(int argc, char **argv) { return gort_main(real_main, argc, argv); }
