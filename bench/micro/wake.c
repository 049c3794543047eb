/* wake.c -- waking an idle worker: the one thing asm and uring do
 * differently (a futex against IORING_OP_MSG_RING), measured on its own and
 * beside its bare limit.
 *
 * WakeIdle: the main goroutine spawns a goroutine and spins (without
 * yielding, so its own worker stays busy) until that goroutine has run.  It
 * can only run on another worker, asleep since the previous wake-up, so
 * each wake-up timed is gort_go's wakep, the futex wake or MSG_RING, the
 * sleeper's return from the kernel, its steal of the new goroutine, and the
 * goroutine's first instruction.
 *
 * Ref/FutexWake and Ref/MsgRingWake: the same one-way wake between two bare
 * threads, the sleeper in futex(FUTEX_WAIT) or io_uring_enter(GETEVENTS)
 * exactly as an idle worker of asm or uring sleeps (Ref/MsgRingWake only in
 * the uring binary, the one linked with liburing).
 *
 * Each wake-up first leaves the sleeper time to fall asleep (SETTLE_NS,
 * not timed).  An idle worker spins before it parks (sched.c's spin: 40 us,
 * a window that grows only while the worker is woken less than 40 us after
 * it sleeps, and shrinks when it finds work late), so SETTLE_NS must outlast
 * that: with GORT_STATS=1 the run shows a worker park and a futex wake or
 * ring message in nearly every wake-up.
 *
 * One iteration is WAKE_SAMPLES wake-ups, and its (manual) time is their
 * median: on this VM a few wake-ups in a thousand find the sleeper's vCPU
 * taken by the host for up to milliseconds, and a mean over them (Google
 * Benchmark's, had each wake-up been an iteration) moved by 2x between runs
 * with those few alone.  The mean, the 99th percentile and the largest are
 * kept beside it as counters (mean_ns, p99_ns, max_ns). */
#include "par.h"

#ifdef BENCH_MSG_RING
#include <liburing.h>
#endif
#include <linux/futex.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#define SETTLE_NS 100000.0

static double now_ns(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec * 1e9 + (double)t.tv_nsec;
}

static void settle(void) {
    double t = now_ns();
    while (now_ns() - t < SETTLE_NS)
        ;
}

static _Atomic int woke;

static void spin_until_woke(void) {
    while (!atomic_load_explicit(&woke, memory_order_acquire))
        ;
}

static void set_woke(void *arg) {
    (void)arg;
    atomic_store_explicit(&woke, 1, memory_order_release);
}

#define WAKE_SAMPLES 2000
static double wake_ns[WAKE_SAMPLES];

static int cmp_double(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* WAKE_SAMPLES wake-ups by kick (after prep, untimed, where given); the
 * iteration's time is their median. */
static void time_wakes(gbench_state *st, void (*prep)(void), void (*kick)(void)) {
    while (gbench_keep_running(st)) {
        double sum = 0;
        for (int i = 0; i < WAKE_SAMPLES; i++) {
            settle();
            if (prep)
                prep();
            atomic_store(&woke, 0);
            double t0 = now_ns();
            kick();
            spin_until_woke();
            sum += wake_ns[i] = now_ns() - t0;
        }
        qsort(wake_ns, WAKE_SAMPLES, sizeof *wake_ns, cmp_double);
        gbench_set_iteration_time(st, wake_ns[WAKE_SAMPLES / 2] * 1e-9);
        gbench_counter(st, "mean_ns", sum / WAKE_SAMPLES, 0);
        gbench_counter(st, "p99_ns", wake_ns[WAKE_SAMPLES * 99 / 100], 0);
        gbench_counter(st, "max_ns", wake_ns[WAKE_SAMPLES - 1], 0);
    }
}

static void spawn_set_woke(void) { gort_go(set_woke, NULL); }

static void BM_WakeIdle(gbench_state *st) {
    if (gort_procs() < 2) {
        gbench_skip_with_error(st, gort_procs() == 0 ? "1:1 backend: no idle worker to wake"
                                                     : "needs two workers (GORT_PROCS=1)");
        return;
    }
    time_wakes(st, NULL, spawn_set_woke);
}

/* ---- the bare limits ---------------------------------------------------------- */

static _Atomic uint32_t futex_word;
static _Atomic int sleeper_stop;

static void *futex_sleeper(void *arg) {
    (void)arg;
    for (;;) {
        while (atomic_load(&futex_word) == 0)
            syscall(SYS_futex, (uint32_t *)&futex_word, FUTEX_WAIT_PRIVATE, 0, NULL, NULL, 0);
        atomic_store(&futex_word, 0);
        if (atomic_load(&sleeper_stop))
            return NULL;
        atomic_store_explicit(&woke, 1, memory_order_release);
    }
}

static void futex_kick(void) {
    atomic_store(&futex_word, 1);
    syscall(SYS_futex, (uint32_t *)&futex_word, FUTEX_WAKE_PRIVATE, 1, NULL, NULL, 0);
}

static void BM_RefFutexWake(gbench_state *st) {
    pthread_t t;
    atomic_store(&sleeper_stop, 0);
    pthread_create(&t, NULL, futex_sleeper, NULL);
    time_wakes(st, NULL, futex_kick);
    atomic_store(&sleeper_stop, 1);
    futex_kick();
    pthread_join(t, NULL);
}

#ifdef BENCH_MSG_RING
static struct io_uring ring_waker, ring_sleeper;
enum { MSG_WAKE = 1, MSG_STOP = 2 };

static void *ring_sleeper_main(void *arg) {
    (void)arg;
    for (;;) {
        struct io_uring_cqe *cqe;
        if (io_uring_wait_cqe(&ring_sleeper, &cqe) < 0)
            continue; /* EINTR */
        uint64_t what = cqe->user_data;
        io_uring_cqe_seen(&ring_sleeper, cqe);
        if (what == MSG_STOP)
            return NULL;
        atomic_store_explicit(&woke, 1, memory_order_release);
    }
}

static void ring_kick(uint64_t what) {
    struct io_uring_sqe *sqe = io_uring_get_sqe(&ring_waker);
    io_uring_prep_msg_ring(sqe, ring_sleeper.ring_fd, 0, what, 0);
    io_uring_submit(&ring_waker);
}

static void ring_kick_wake(void) { ring_kick(MSG_WAKE); }

/* The waker's own completions (one per message), reaped outside the timing. */
static void ring_reap_waker(void) {
    struct io_uring_cqe *cqe;
    while (io_uring_peek_cqe(&ring_waker, &cqe) == 0)
        io_uring_cqe_seen(&ring_waker, cqe);
}

static void BM_RefMsgRingWake(gbench_state *st) {
    int r = io_uring_queue_init(8, &ring_waker, 0);
    if (r == 0 && (r = io_uring_queue_init(8, &ring_sleeper, 0)) != 0)
        io_uring_queue_exit(&ring_waker);
    if (r != 0) {
        gbench_skip_with_error(st, strerror(-r));
        return;
    }
    pthread_t t;
    pthread_create(&t, NULL, ring_sleeper_main, NULL);
    time_wakes(st, ring_reap_waker, ring_kick_wake);
    ring_kick(MSG_STOP);
    pthread_join(t, NULL);
    io_uring_queue_exit(&ring_sleeper);
    io_uring_queue_exit(&ring_waker);
}
#endif

/* One iteration (WAKE_SAMPLES wake-ups, their median).  Its manual time is
 * one wake-up's, 1/2000 of its wall time, so Google Benchmark, which grows
 * the iteration count tenfold until the manual time reaches the min time
 * (and, warming up, --benchmark_min_warmup_time), would run for an hour:
 * both times here are the least positive one, met by the first iteration
 * (a fixed count would not do: Google Benchmark takes no min time beside
 * it, and gbench.h says why the warm-up needs one). */
static void register_wake_bm(const char *name, gbench_fn fn) {
    gbench_bm *bm = gbench_use_manual_time(gbench_register(name, fn));
    gbench_min_warmup_time(gbench_min_time(bm, 1e-9), 1e-9);
}

__attribute__((constructor)) static void register_wake(void) {
    register_wake_bm("WakeIdle", BM_WakeIdle);
    register_wake_bm("Ref/FutexWake", BM_RefFutexWake);
#ifdef BENCH_MSG_RING
    register_wake_bm("Ref/MsgRingWake", BM_RefMsgRingWake);
#endif
}
