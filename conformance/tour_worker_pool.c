/* tour_worker_pool: Go by Example's worker pool: 3 workers take 5 jobs from
 * a buffered channel and send results (job * 2) back.
 *
 * expect-exit: 0
 * expect-stdout: results 2 4 6 8 10
 * expect-stdout: every worker's jobs add up: 5
 */
#include "check.h"
#include <gort.h>

static gort_chan *jobs, *results;
static int done_by[4];

static void worker(void *arg) {
    int id = (int)(intptr_t)arg, j;
    while (gort_recv(jobs, &j)) {
        gort_sleep(1000000); /* "work" */
        int r = j * 2;
        gort_send(results, &r);
        __atomic_add_fetch(&done_by[id], 1, __ATOMIC_RELAXED);
    }
}

static int real_main(int argc, char **argv) {
    (void)argc, (void)argv;
    jobs = gort_chan_make(sizeof(int), 5);
    results = gort_chan_make(sizeof(int), 5);
    for (long w = 1; w <= 3; w++)
        gort_go(worker, (void *)(intptr_t)w);
    for (int j = 1; j <= 5; j++)
        gort_send(jobs, &j);
    gort_close(jobs);
    int seen[11] = {0};
    for (int a = 1; a <= 5; a++) {
        int r;
        gort_recv(results, &r);
        CHECK(r >= 2 && r <= 10 && r % 2 == 0 && !seen[r], "result %d", r);
        seen[r] = 1;
    }
    printf("results");
    for (int r = 2; r <= 10; r += 2)
        if (seen[r])
            printf(" %d", r);
    printf("\n");
    gort_sleep(1000000);
    printf("every worker's jobs add up: %d\n", __atomic_load_n(&done_by[1], __ATOMIC_RELAXED) +
                                                   __atomic_load_n(&done_by[2], __ATOMIC_RELAXED) +
                                                   __atomic_load_n(&done_by[3], __ATOMIC_RELAXED));
    return 0;
}

int main(int argc, char **argv) { return gort_main(real_main, argc, argv); }
