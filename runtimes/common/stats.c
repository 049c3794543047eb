/*
 * stats.c -- GORT_STATS counters, printed to stderr at exit.
 * Counting costs one predictable branch while GORT_STATS is unset.
 *
 *   goroutines_spawned   gort_go calls
 *   context_switches     user-space switches (M:N; 0 on pthread)
 *   parks, wakeups       goroutines parked, and readied
 *   futex_waits/wakes    futex sleeps and wake calls: goroutine threads
 *                        (pthread), idle workers (ucontext, asm), contended
 *                        runtime locks (pthread only)
 *   io_uring_enters      io_uring_enter calls (uring)
 *   ring_msgs            IORING_OP_MSG_RING messages sent (uring)
 *   steals               successful steals from another worker's queue
 *   worker_parks         times an idle worker went to sleep (M:N)
 *   eventfd_wakes        wake-ups through a ring's eventfd (uring fallback)
 *   solo_revokes         barriers of a worker that woke on its own while
 *                        another may have been taking locks alone (M:N,
 *                        runtimes/common/solo.h)
 */
#include "runtime.h"

#include <stdio.h>

bool gort__stats_on GORT_OWN_LINE;
_Atomic uint64_t gort__stats[GORT__STAT_COUNT] GORT_OWN_LINE;

static const char *const stat_names[GORT__STAT_COUNT] = {
    [GORT__STAT_SPAWNED] = "goroutines_spawned",
    [GORT__STAT_SWITCHES] = "context_switches",
    [GORT__STAT_PARKS] = "parks",
    [GORT__STAT_WAKEUPS] = "wakeups",
    [GORT__STAT_FUTEX_WAITS] = "futex_waits",
    [GORT__STAT_FUTEX_WAKES] = "futex_wakes",
    [GORT__STAT_URING_ENTERS] = "io_uring_enters",
    [GORT__STAT_RING_MSGS] = "ring_msgs",
    [GORT__STAT_STEALS] = "steals",
    [GORT__STAT_WORKER_PARKS] = "worker_parks",
    [GORT__STAT_EVENTFD_WAKES] = "eventfd_wakes",
    [GORT__STAT_SOLO_REVOKES] = "solo_revokes",
};

void gort__stats_print(void) {
    static _Atomic int printed;
    if (!gort__stats_on || atomic_exchange(&printed, 1))
        return;
    fprintf(stderr, "gort-stats: backend=%s\n", gort__backend_name);
    for (int i = 0; i < GORT__STAT_COUNT; i++)
        fprintf(stderr, "gort-stats: %s=%llu\n", stat_names[i],
                (unsigned long long)atomic_load(&gort__stats[i]));
}
