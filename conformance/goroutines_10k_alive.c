/* goroutines_10k_alive: 10,000 goroutines alive and blocked at once, all
 * released by one close, all finishing.
 *
 * expect-exit: 0
 * expect-stdout: 10000 started, 10000 finished
 * timeout: 120
 */
#include "check.h"
#include <gort.h>
#include <stdatomic.h>

#define N 10000
static gort_waitgroup *started, *finished;
static gort_chan *gate;
static atomic_int nfinished;

static void g(void *arg) {
    (void)arg;
    gort_wg_done(started);
    bool ok = gort_recv(gate, NULL);
    CHECK(!ok, "the gate only closes");
    atomic_fetch_add(&nfinished, 1);
    gort_wg_done(finished);
}

static int real_main(int argc, char **argv) {
    (void)argc, (void)argv;
    started = gort_wg_make();
    finished = gort_wg_make();
    gate = gort_chan_make(0, 0);
    gort_wg_add(started, N);
    gort_wg_add(finished, N);
    for (int i = 0; i < N; i++)
        gort_go(g, NULL);
    gort_wg_wait(started); /* every one of them is alive now */
    gort_close(gate);
    gort_wg_wait(finished);
    printf("%d started, %d finished\n", N, atomic_load(&nfinished));
    return 0;
}

int main(int argc, char **argv) { return gort_main(real_main, argc, argv); }
