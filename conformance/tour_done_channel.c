/* tour_done_channel: 3 workers, 6 jobs; each worker signals on a done
 * channel when the jobs channel is closed and drained; main waits for 3
 * signals and every job was processed exactly once.
 *
 * expect-exit: 0
 * expect-stdout: processed 6 jobs, sum 21
 */
#include "check.h"
#include <gort.h>
#include <stdatomic.h>

static gort_chan *jobs, *done;
static atomic_int processed, sum;

static void worker(void *arg) {
    (void)arg;
    int j;
    while (gort_recv(jobs, &j)) {
        atomic_fetch_add(&processed, 1);
        atomic_fetch_add(&sum, j);
    }
    bool t = true;
    gort_send(done, &t);
}

static int real_main(int argc, char **argv) {
    (void)argc, (void)argv;
    jobs = gort_chan_make(sizeof(int), 0);
    done = gort_chan_make(sizeof(bool), 0);
    for (int w = 0; w < 3; w++)
        gort_go(worker, NULL);
    for (int j = 1; j <= 6; j++)
        gort_send(jobs, &j);
    gort_close(jobs);
    for (int w = 0; w < 3; w++)
        gort_recv(done, NULL);
    printf("processed %d jobs, sum %d\n", atomic_load(&processed), atomic_load(&sum));
    return 0;
}

int main(int argc, char **argv) { return gort_main(real_main, argc, argv); }
