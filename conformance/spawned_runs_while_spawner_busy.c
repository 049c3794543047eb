/* spawned_runs_while_spawner_busy: with two workers, goroutines spawned by a
 * goroutine that then never blocks (it polls a flag, making no gort call)
 * still run, on the other worker.  The first of them waits where its spawner
 * alone would run it next (the M:N backends' spawn slot), the second behind
 * it in the run queue, so both ways a new goroutine leaves a busy worker are
 * taken.  Before spawning, main sleeps long enough for the other worker to
 * park: the spawn must wake it.  A runtime that left either goroutine to its
 * spawner hangs here.
 *
 * expect-exit: 0
 * expect-stdout: both ran while main was busy
 * env: GORT_PROCS=2
 * timeout: 30
 */
#include "check.h"
#include <gort.h>
#include <stdatomic.h>

static atomic_int ran[2];

static void mark(void *arg) { atomic_store(&ran[(int)(intptr_t)arg], 1); }

static int real_main(int argc, char **argv) {
    (void)argc, (void)argv;
    gort_sleep(50 * 1000 * 1000); /* 50 ms: the other worker has gone to sleep */
    gort_go(mark, (void *)(intptr_t)0);
    gort_go(mark, (void *)(intptr_t)1);
    while (!atomic_load(&ran[0]) || !atomic_load(&ran[1]))
        ; /* no gort call: this worker never switches */
    printf("both ran while main was busy\n");
    return 0;
}

int main(int argc, char **argv) { return gort_main(real_main, argc, argv); }
