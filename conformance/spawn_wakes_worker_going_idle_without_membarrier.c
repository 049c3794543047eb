/* spawn_wakes_worker_going_idle_without_membarrier: the same race with
 * membarrier(2) out of use (GORT_TEST_NO_MEMBARRIER=1), as on a kernel
 * without it: no asymmetric fence and no solo stores, so every spawn
 * publishes with a full fence.
 *
 * expect-exit: 0
 * expect-stdout: 20000 spawns ran while their spawner was busy
 * env: GORT_PROCS=2
 * env: GORT_TEST_NO_MEMBARRIER=1
 * timeout: 60
 */
#include "spawn_wakes_worker_going_idle.c"
