/*
 * fence.c -- the asymmetric fence of the wake-up dance (sched.c).
 *
 * Whoever makes a goroutine runnable stores it into a queue and then loads
 * nidle; a worker going idle stores idle/nidle and then loads the queues.
 * Each side needs its store ordered before its load (a StoreLoad fence),
 * or both can miss the other.  Submitting is the hot side (every spawn, and
 * every ready that spills to the run queue, while a thief reads the same
 * line), going idle the cold one (once per sleep, after a spin of tens of
 * microseconds).  So the submitter takes only a compiler barrier, and the
 * worker going idle pays for both sides: membarrier(PRIVATE_EXPEDITED)
 * makes every other running thread of the process execute a full barrier,
 * so a submitter's store is visible to the re-check that follows, or the
 * submitter's load comes after that barrier and sees nidle raised (the
 * pattern of folly's asymmetric fences and liburcu's membarrier flavour).
 * The same membarrier covers the plain stores of a lone awake worker
 * (solo.h): a spinner counts itself out of gort__awake, so the busy worker
 * may publish by a restartable sequence with no fence at all while the
 * spinner heads for sleep (a spawner that then never blocks waited
 * forever: conformance/spawn_wakes_worker_going_idle.c).
 * Where membarrier is unavailable (old kernels, valgrind), or with
 * GORT_TEST_NO_MEMBARRIER=1 (the suite's way to test that path), neither
 * this nor the solo stores are used, and the submitter keeps its
 * sequentially consistent store.
 */
#include "sched.h"

#include <linux/membarrier.h>
#include <stdlib.h>
#include <sys/syscall.h>
#include <unistd.h>

bool gort__fence_asym;

void gort__fence_setup(int nworkers) {
    gort__fence_asym = nworkers > 1 && !getenv("GORT_TEST_NO_MEMBARRIER") &&
                       syscall(SYS_membarrier, MEMBARRIER_CMD_REGISTER_PRIVATE_EXPEDITED, 0, 0) == 0;
}

void gort__fence_heavy(void) {
    if (gort__fence_asym && syscall(SYS_membarrier, MEMBARRIER_CMD_PRIVATE_EXPEDITED, 0, 0) != 0)
        gort__die("membarrier(PRIVATE_EXPEDITED) failed after registering");
    atomic_thread_fence(memory_order_seq_cst);
}
