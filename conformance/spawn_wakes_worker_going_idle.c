/* spawn_wakes_worker_going_idle: a goroutine spawned just as the other
 * worker decides to sleep still runs while its spawner never blocks.  The
 * spawner waits a pseudo-random time from 0 to 100 us (about where an idle
 * worker stops spinning and parks), spawns, then polls a flag with no gort
 * call, 20,000 times, so the spawn lands before, during and after the other
 * worker's way into sleep.  Only that worker can run the child: a spawn
 * whose wake-up is lost in the race (its queue store not yet visible to the
 * sleeper's last look, the sleeper not yet visible to the spawner's check)
 * hangs here.
 *
 * expect-exit: 0
 * expect-stdout: 20000 spawns ran while their spawner was busy
 * env: GORT_PROCS=2
 * timeout: 60
 */
#include "check.h"
#include <gort.h>
#include <stdatomic.h>
#include <time.h>

#define SPAWNS 20000

static atomic_int ran;

static void mark(void *arg) { atomic_store(&ran, (int)(intptr_t)arg); }

static int64_t now_ns(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (int64_t)t.tv_sec * 1000000000 + t.tv_nsec;
}

static int real_main(int argc, char **argv) {
    (void)argc, (void)argv;
    uint32_t x = 12345;
    for (int i = 1; i <= SPAWNS; i++) {
        x = x * 1103515245u + 12345u;
        int64_t until = now_ns() + (int64_t)(x >> 8) % 100000;
        while (now_ns() < until)
            ;
        gort_go(mark, (void *)(intptr_t)i);
        while (atomic_load(&ran) != i)
            ; /* no gort call: this worker never switches */
    }
    printf("%d spawns ran while their spawner was busy\n", SPAWNS);
    return 0;
}

int main(int argc, char **argv) { return gort_main(real_main, argc, argv); }
