/*
 * runtime.h -- internals shared by every backend: locks, waiters, panics,
 * deadlock accounting, statistics and environment parsing.
 *
 * Naming: gort_ is public (include/gort.h), gort__ is internal but extern,
 * plain names are static.
 */
#ifndef GORT_RUNTIME_H
#define GORT_RUNTIME_H

#include "gort.h"
#include "backend.h"

#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Every global that a worker touches often starts a cache line of its own:
 * one written by many workers must not share a line with one read on every
 * operation (without this, moving unrelated code in a benchmark binary moved
 * the globals and CreateGoroutines with two workers by 20%). */
#define GORT_OWN_LINE __attribute__((aligned(64)))
#define GORT_LIKELY(x) __builtin_expect(!!(x), 1)
#define GORT_UNLIKELY(x) __builtin_expect(!!(x), 0)
#define GORT_NOINLINE __attribute__((noinline))
#define GORT_INLINE inline __attribute__((always_inline))

/* A spin-wait hint: about 20 ns on the AMD EPYC, 10 on the Intel Xeon
 * (README), so a wait is written as a time and turned into pauses by
 * gort__pauses (lock.c), which measures a pause once. */
static inline void gort__cpu_relax(void) {
#if defined(__x86_64__) || defined(__i386__)
    __builtin_ia32_pause();
#elif defined(__aarch64__)
    __asm__ __volatile__("yield");
#endif
}

#ifdef GORT_DEBUG
#define GORT_ASSERT(x) ((x) ? (void)0 : gort__fatal("assertion failed: " #x))
#else
#define GORT_ASSERT(x) ((void)0)
#endif

/* ---- lock.c: a short-hold mutex, spinning then sleeping on a futex ------ */

typedef struct gort__lock {
    _Atomic uint32_t v; /* 0 free, 1 held, 2 held with sleepers */
} gort__lock;

unsigned gort__pauses(unsigned ns);
void gort__lock_slow(gort__lock *l);
void gort__unlock_slow(gort__lock *l);

/* M:N with one worker awake (solo.h): that worker is the only thread that
 * runs goroutines or touches the runtime (timers fire on it, and the thread
 * that called gort_main only waits), so a lock has nothing to exclude and
 * is taken with a plain store. */
#include "solo.h"

/* For a lock that a thread of the runtime's own, not a worker, takes too
 * (stack.c's carver): a locked instruction even with one worker. */
static inline void gort__lock_acquire_shared(gort__lock *l) {
    uint32_t z = 0;
    if (GORT_LIKELY(atomic_compare_exchange_weak_explicit(&l->v, &z, 1, memory_order_acquire,
                                                          memory_order_relaxed)))
        return;
    gort__lock_slow(l);
}

static inline void gort__lock_acquire(gort__lock *l) {
#ifndef GORT_LOCK_FUTEX
    if (GORT_LIKELY(gort__solo)) {
        atomic_store_explicit(&l->v, 1, memory_order_relaxed);
        return;
    }
    if (gort__solo_cas32(&l->v, 0, 1))
        return;
#endif
    gort__lock_acquire_shared(l);
}

static inline void gort__lock_release(gort__lock *l) {
#ifdef GORT_LOCK_FUTEX
    if (GORT_LIKELY(atomic_exchange_explicit(&l->v, 0, memory_order_release) == 1))
        return;
    gort__unlock_slow(l);
#else
    /* Nobody sleeps on an M:N lock (lock.c): a plain release store. */
    atomic_store_explicit(&l->v, 0, memory_order_release);
#endif
}

long gort__futex_wait(_Atomic uint32_t *addr, uint32_t val, int64_t timeout_ns);
long gort__futex_wake(_Atomic uint32_t *addr, int n);

/* ---- waiters: a goroutine blocked on a channel, WaitGroup or Mutex ------- */

typedef struct gort__select gort__select;

/* A waiter lives on the blocked goroutine's stack (Go's sudog).  Every field
 * but `g`, `sel` and `case_index` is guarded by the lock of the object whose
 * queue holds it; after dequeueing, the waker owns it until gort__ready. */
typedef struct gort__waiter {
    struct gort__waiter *next, *prev;
    gort_g *g;
    gort_chan *ch;
    void *elem;        /* send: value to take; recv: where to put the value */
    gort__select *sel; /* NULL unless part of a select */
    int case_index;
    bool success;      /* set by the waker: true = value passed, false = closed */
    int64_t since;     /* Mutex: when it first queued (starvation mode) */
    bool handoff;      /* Mutex: lock ownership handed over by the unlocker */
    bool queued;       /* in a queue now (a select's loser may have been dropped) */
} gort__waiter;

/* Shared by the waiters of one blocked select: the first channel to win the
 * CAS on `done` completes its case; every other channel skips the rest. */
struct gort__select {
    _Atomic int done;
    gort__waiter *winner;
};

typedef struct gort__waitq {
    gort__waiter *first, *last;
} gort__waitq;

/* `first` is also read without the lock, by the non-blocking fast paths
 * (chan.h), so it is written atomically. */
static inline void gort__waitq_set_first(gort__waitq *q, gort__waiter *w) {
    __atomic_store_n(&q->first, w, __ATOMIC_RELAXED);
}

/* At the tail.  Inline: every channel park pushes. */
static inline void gort__waitq_push(gort__waitq *q, gort__waiter *w) {
    gort__waiter *last = q->last;
    w->next = NULL;
    w->prev = last;
    if (last)
        last->next = w;
    else
        gort__waitq_set_first(q, w);
    q->last = w;
    w->queued = true;
}
void gort__waitq_push_front(gort__waitq *q, gort__waiter *w);
void gort__waitq_remove(gort__waitq *q, gort__waiter *w);
gort__waiter *gort__waitq_take(gort__waitq *q); /* skips selects already won */
/* The first live waiter, dequeued, or NULL.  Inline for a plain waiter at
 * the head (every channel hand-over), out of line when it is a select's. */
static inline gort__waiter *gort__waitq_pop(gort__waitq *q) {
    gort__waiter *w = q->first;
    if (!w)
        return NULL;
    if (GORT_UNLIKELY(w->sel != NULL))
        return gort__waitq_take(q);
    gort__waiter *next = w->next;
    gort__waitq_set_first(q, next);
    if (next)
        next->prev = NULL;
    else
        q->last = NULL;
    w->next = NULL;
    w->queued = false;
    return w;
}

/* ---- panic.c ------------------------------------------------------------ */

_Noreturn void gort__fatal(const char *msg);  /* "fatal error: MSG", exit 2 */
_Noreturn void gort__die(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
_Noreturn void gort__unavailable(const char *reason); /* exit 77, SPEC 3 */
_Noreturn void gort__block_forever(void);     /* nil channel, select {} */
void gort__flush_and_stats(void);

/* Deadlock accounting (see backend.h).  Never zero while anything runs. */
extern _Atomic int64_t gort__units;
static inline void gort__units_inc(void) {
    atomic_fetch_add_explicit(&gort__units, 1, memory_order_relaxed);
}
void gort__units_dec(void); /* reports the deadlock at zero */

uint64_t gort__fastrand64(void);
uint32_t gort__fastrand(void);
uint32_t gort__fastrandn(uint32_t n); /* uniform in [0, n) */

/* ---- stats.c ------------------------------------------------------------ */

enum {
    GORT__STAT_SPAWNED,
    GORT__STAT_SWITCHES,
    GORT__STAT_PARKS,
    GORT__STAT_WAKEUPS,
    GORT__STAT_FUTEX_WAITS,
    GORT__STAT_FUTEX_WAKES,
    GORT__STAT_URING_ENTERS,
    GORT__STAT_RING_MSGS,
    GORT__STAT_STEALS,
    GORT__STAT_WORKER_PARKS,
    GORT__STAT_EVENTFD_WAKES,
    GORT__STAT_SOLO_REVOKES,
    GORT__STAT_COUNT
};
extern bool gort__stats_on;
extern _Atomic uint64_t gort__stats[GORT__STAT_COUNT];
static inline void gort__stat(int which, uint64_t n) {
    if (GORT_UNLIKELY(gort__stats_on))
        atomic_fetch_add_explicit(&gort__stats[which], n, memory_order_relaxed);
}
void gort__stats_print(void);

/* ---- env.c -------------------------------------------------------------- */

typedef struct gort__config {
    int procs;          /* GORT_PROCS, 0 = unset */
    size_t stack_size;  /* GORT_STACK_SIZE, 0 = unset */
    bool stats;         /* GORT_STATS */
} gort__config;
extern gort__config gort__cfg;
void gort__read_env(void); /* exits 2 with a message naming the variable */
int gort__online_cpus(void);

/* ---- timer.c: timers with deadlock accounting over the backend's ------ */

void gort__timer_arm(gort__timer *t);    /* counts as a unit until it fires */
bool gort__timer_disarm(gort__timer *t); /* true if it will never fire */
void gort__timer_fire(gort__timer *t);   /* backends call this when t is due */

/* ---- chan.c: used by timers (a send that must never block) -------------- */

bool gort__chan_trysend(gort_chan *c, const void *elem);
void gort__chan_set_timer(gort_chan *c, gort__timer *t);

#endif
