/* wake.c -- waking an idle worker: the one thing asm and uring do
 * differently (a futex against IORING_OP_MSG_RING), measured on its own and
 * beside its bare limit.
 *
 * WakeIdle: the main goroutine spawns a goroutine and spins (without
 * yielding, so its own worker stays busy) until that goroutine has run.  It
 * can only run on another worker, asleep since the previous iteration, so
 * one iteration is one wake-up: gort_go's wakep, the futex wake or MSG_RING,
 * the sleeper's return from the kernel, its steal of the new goroutine, and
 * the goroutine's first instruction.
 *
 * Ref/FutexWake and Ref/MsgRingWake: the same one-way wake between two bare
 * threads, the sleeper in futex(FUTEX_WAIT) or io_uring_enter(GETEVENTS)
 * exactly as an idle worker of asm or uring sleeps (Ref/MsgRingWake only in
 * the uring binary, the one linked with liburing).
 *
 * Each iteration first leaves the sleeper time to fall asleep (SETTLE_NS,
 * not timed: manual time covers the wake alone).  An idle worker spins
 * before it parks (sched.c's spin: 40 us, a window that grows only while
 * the worker is woken less than 40 us after it sleeps, and shrinks when it
 * finds work late), so SETTLE_NS must outlast that: with GORT_STATS=1 the
 * run shows a worker park and a futex wake or ring message in nearly every
 * iteration. */
#include "par.h"

#ifdef BENCH_MSG_RING
#include <liburing.h>
#endif
#include <linux/futex.h>
#include <pthread.h>
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

static void BM_WakeIdle(gbench_state *st) {
    if (gort_procs() < 2) {
        gbench_skip_with_error(st, gort_procs() == 0 ? "1:1 backend: no idle worker to wake"
                                                     : "needs two workers (GORT_PROCS=1)");
        return;
    }
    while (gbench_keep_running(st)) {
        settle();
        atomic_store(&woke, 0);
        double t0 = now_ns();
        gort_go(set_woke, NULL);
        spin_until_woke();
        gbench_set_iteration_time(st, (now_ns() - t0) * 1e-9);
    }
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
    while (gbench_keep_running(st)) {
        settle();
        atomic_store(&woke, 0);
        double t0 = now_ns();
        futex_kick();
        spin_until_woke();
        gbench_set_iteration_time(st, (now_ns() - t0) * 1e-9);
    }
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
    while (gbench_keep_running(st)) {
        settle();
        ring_reap_waker();
        atomic_store(&woke, 0);
        double t0 = now_ns();
        ring_kick(MSG_WAKE);
        spin_until_woke();
        gbench_set_iteration_time(st, (now_ns() - t0) * 1e-9);
    }
    ring_kick(MSG_STOP);
    pthread_join(t, NULL);
    io_uring_queue_exit(&ring_sleeper);
    io_uring_queue_exit(&ring_waker);
}
#endif

/* A fixed count: each iteration spends SETTLE_NS untimed. */
#define WAKE_ITERATIONS 2000
__attribute__((constructor)) static void register_wake(void) {
    gbench_iterations_fixed(gbench_use_manual_time(gbench_register("WakeIdle", BM_WakeIdle)), WAKE_ITERATIONS);
    gbench_iterations_fixed(gbench_use_manual_time(gbench_register("Ref/FutexWake", BM_RefFutexWake)),
                            WAKE_ITERATIONS);
#ifdef BENCH_MSG_RING
    gbench_iterations_fixed(gbench_use_manual_time(gbench_register("Ref/MsgRingWake", BM_RefMsgRingWake)),
                            WAKE_ITERATIONS);
#endif
}
