/*
 * lock.c -- the runtime's internal lock and futex wrappers.
 *
 * A three-state mutex (0 free, 1 held, 2 held and someone may sleep).
 * Holders never park a goroutine while holding one, so holds are short and
 * the slow path spins first: test, then test-and-set, doubling the pause
 * after every failed look, up to BACKOFF_MAX_NS of pauses.  The waits are
 * times, turned into counts of pauses by a pause measured once
 * (gort__pauses), since a pause costs 20 ns on the AMD EPYC and 10 on the
 * Intel Xeon (README).  A cache line that crosses cores costs about ten
 * uncontended lock operations on these machines, so a waiter that keeps
 * away for a while lets the holder's worker run a burst of operations on a
 * line it keeps, where polling would pull the line over on every one.
 * Quick runs on the EPYC, asm, two workers, ChanProdCons100 per item: no
 * backoff while the lock was held (up to 64 pauses after a lost CAS) 127
 * ns; up to 64 pauses 39; 256: 29-31; 4096: 25, but then a waiter may sit
 * 80 us behind the lock, so 256 pauses (5 us) it is.  The same 5 us as
 * times on the Xeon, where it had been 256 pauses of 10 ns (four
 * alternating runs, two workers, medians of 3, pauses / times): asm
 * ChanProdCons100 45-72 / 27-50 ns, ChanProdCons10 27-30 / 23-25,
 * SelectSyncContended 240-255 / 190-206; ucontext ChanProdCons100 53-72 /
 * 45-65, SelectSyncContended 461-487 / 386-407; BufferedMPMC4x4 within
 * its noise.  Later, on an EPYC where a syscall costs 75 ns, interleaved
 * runs, asm, two workers, medians of 5, a 5 us / 20 us cap:
 * BufferedMPMC4x4 cap 128 44-84 / 31-62 ns, ChanContended 5.7-9.2 /
 * 4.0-4.3 us, ChanProdCons100 31-42 / 29-32 ns; crossbeam mpmc 25.7 /
 * 20.0 ms, mpsc 16.3 / 14.3; the rest unchanged (10 us was no better than
 * 5, 40 and 80 no better than 20).  A waiter reaches the cap only after
 * failing for about twice as long, under sustained contention, so 20 us
 * it is.  Then:
 *   - 1:1 backend (GORT_LOCK_FUTEX): after about 5 us, sleep on a
 *     futex, since a goroutine thread may wait behind many others and a
 *     long spin keeps a preempted holder off the CPU (ChanProdCons100:
 *     243 ns before, 520 with the M:N budget, 251 with this one);
 *   - M:N backends: yield the CPU and retry.  The holder is a running worker
 *     that only the kernel can have preempted, and keeping futexes out of
 *     the lock keeps the M:N backends' futex counts (GORT_STATS) about
 *     parking alone, which is what asm against uring compares.
 * With one M:N worker (gort__solo) a lock is a plain store: nothing else can
 * hold it, and two locked instructions per channel operation were the
 * largest cost left at GORT_PROCS=1.  With more workers the same holds
 * while only one is awake (solo.h).  That relies on API calls coming only
 * from goroutines, as SPEC 3 requires of every gort_* call but gort_main.
 */
#include "runtime.h"

#include <errno.h>
#include <sched.h>
#include <linux/futex.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

bool gort__solo GORT_OWN_LINE;

long gort__futex_wait(_Atomic uint32_t *addr, uint32_t val, int64_t timeout_ns) {
    struct timespec ts, *tsp = NULL;
    if (timeout_ns >= 0) {
        ts.tv_sec = timeout_ns / 1000000000;
        ts.tv_nsec = timeout_ns % 1000000000;
        tsp = &ts;
    }
    gort__stat(GORT__STAT_FUTEX_WAITS, 1);
    return syscall(SYS_futex, (uint32_t *)addr, FUTEX_WAIT_PRIVATE, val, tsp, NULL, 0);
}

long gort__futex_wake(_Atomic uint32_t *addr, int n) {
    gort__stat(GORT__STAT_FUTEX_WAKES, 1);
    return syscall(SYS_futex, (uint32_t *)addr, FUTEX_WAKE_PRIVATE, n, NULL, NULL, 0);
}

/* Picoseconds per gort__cpu_relax, measured on first use: the least of a
 * few timed runs, so that a run the kernel interrupted does not count.
 * Threads that race to measure store about the same value. */
static _Atomic uint32_t pause_ps;

static uint32_t pause_ps_measure(void) {
    int64_t best = INT64_MAX;
    for (int run = 0; run < 3; run++) {
        int64_t t0 = gort_nanotime();
        for (int i = 0; i < 128; i++)
            gort__cpu_relax();
        int64_t t = gort_nanotime() - t0;
        best = t < best ? t : best;
    }
    int64_t ps = best * 1000 / 128;
    return (uint32_t)(ps < 100 ? 100 : ps > 1000000 ? 1000000 : ps);
}

unsigned gort__pauses(unsigned ns) {
    uint32_t ps = atomic_load_explicit(&pause_ps, memory_order_relaxed);
    if (GORT_UNLIKELY(ps == 0)) {
        ps = pause_ps_measure();
        atomic_store_explicit(&pause_ps, ps, memory_order_relaxed);
    }
    uint64_t n = (uint64_t)ns * 1000 / ps;
    return n < 1 ? 1 : (unsigned)n;
}

#define BACKOFF_MAX_NS 20000
#ifdef GORT_LOCK_FUTEX
#define SPIN_NS 5000
#else
#define SPIN_NS 250000 /* then sched_yield between looks */
#endif
void gort__lock_slow(gort__lock *l) {
    unsigned backoff = 1, backoff_max = gort__pauses(BACKOFF_MAX_NS), spin = gort__pauses(SPIN_NS);
    for (unsigned spun = 0; spun < spin; spun += backoff) {
        uint32_t z = 0;
        if (atomic_load_explicit(&l->v, memory_order_relaxed) == 0 &&
            atomic_compare_exchange_weak_explicit(&l->v, &z, 1, memory_order_acquire,
                                                  memory_order_relaxed))
            return;
        for (unsigned k = 0; k < backoff; k++)
            gort__cpu_relax();
        if (backoff < backoff_max)
            backoff *= 2;
    }
#ifdef GORT_LOCK_FUTEX
    while (atomic_exchange_explicit(&l->v, 2, memory_order_acquire) != 0)
        gort__futex_wait(&l->v, 2, -1);
#else
    for (;;) {
        uint32_t z = 0;
        if (atomic_load_explicit(&l->v, memory_order_relaxed) == 0 &&
            atomic_compare_exchange_weak_explicit(&l->v, &z, 1, memory_order_acquire,
                                                  memory_order_relaxed))
            return;
        sched_yield();
    }
#endif
}

void gort__unlock_slow(gort__lock *l) {
    gort__futex_wake(&l->v, 1);
}
