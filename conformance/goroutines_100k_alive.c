/* goroutines_100k_alive: 100,000 goroutines parked at once on M:N backends
 * (stacks from arenas, no mapping per goroutine), all released and finished.
 *
 * backends: ucontext asm uring
 * expect-exit: 0
 * expect-stdout: 100000 parked, 100000 finished
 * timeout: 120
 */
#include "check.h"
#include <gort.h>
#include <stdatomic.h>

#define N 100000
static gort_waitgroup *parked, *finished;
static gort_chan *gate;
static atomic_int nfinished;

static void g(void *arg) {
    (void)arg;
    gort_wg_done(parked);
    gort_recv(gate, NULL);
    atomic_fetch_add(&nfinished, 1);
    gort_wg_done(finished);
}

static int real_main(int argc, char **argv) {
    (void)argc, (void)argv;
    parked = gort_wg_make();
    finished = gort_wg_make();
    gate = gort_chan_make(0, 0);
    gort_wg_add(parked, N);
    gort_wg_add(finished, N);
    for (int i = 0; i < N; i++)
        gort_go(g, NULL);
    gort_wg_wait(parked);
    gort_close(gate);
    gort_wg_wait(finished);
    printf("%d parked, %d finished\n", N, atomic_load(&nfinished));
    return 0;
}

int main(int argc, char **argv) { return gort_main(real_main, argc, argv); }
