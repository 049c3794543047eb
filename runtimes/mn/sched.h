/*
 * sched.h -- the M:N scheduler shared by the ucontext, asm and uring
 * backends: GORT_PROCS workers (threads), each with a local run queue and a
 * runnext slot, a global queue, work stealing, idle workers parked until
 * there is work for them (idle.h), and stacks carved from arenas (stack.c).
 *
 * Goroutine states (g->state), the binary semaphore of backend.h:
 *   RUNNING   running, runnable, or about to park
 *   TOKEN     a ready arrived before the park; the park returns at once
 *   PARKED    switched out and waiting; only gort__ready moves it on
 * The RUNNING -> PARKED transition is made *after* the worker has switched
 * off the goroutine's stack (by whatever runs next there: finish_switch),
 * so a goroutine is never resumed by one worker while another is still
 * saving it.  A channel park (gort__park_unlock) holds the channel's lock
 * until then, so its waker always finds it PARKED and neither side needs a
 * compare-and-swap; other parks publish their waiter first and race the
 * ready through TOKEN.
 *
 * Lock order: global queue lock, then nothing.  The timer lock (idle/) may
 * be held while readying goroutines, which takes only the global queue lock.
 */
#ifndef GORT_MN_SCHED_H
#define GORT_MN_SCHED_H

#include "../common/runtime.h"
#include "ctx.h"

#include <pthread.h>

#define GORT_RUNQ_SIZE 256
#define GORT_G_CACHE   64 /* exited goroutines a worker keeps for its spawns */

enum { G_RUNNING, G_TOKEN, G_PARKED };

struct gort_g {
    gort__ctx ctx;
    _Atomic uint32_t state;
    uint64_t id;
    void (*fn)(void *);
    void *arg;
    gort_g *next;       /* free list */
    gort_g *next_batch; /* global free list: the next batch (in a batch's first) */
    size_t batch_n;     /* global free list: goroutines in this batch (its first) */
    char *stack_lo;     /* lowest usable byte */
    const uint64_t *floor; /* canary just below stack_lo, or NULL under a guard page */
    size_t stack_size;  /* usable bytes above stack_lo */
    bool is_main;
    void *asan_fake_stack;
    void *tsan_fiber;
};

typedef struct gort__idle gort__idle; /* idle.h's per-worker state */

typedef struct gort__worker {
    /* owned by the worker's thread */
    int id;
    gort__ctx sched_ctx; /* the scheduler loop's context (the thread's stack) */
    gort_g *cur;         /* goroutine running now */
    gort_g *prev;        /* the goroutine that just switched out, until finished */
    int after;           /* what prev asked for (AFTER_*) */
    gort__lock *park_lock; /* AFTER_PARK_UNLOCK: released once prev is parked */
    gort_g *runnext;     /* runs next: the goroutine this worker just readied */
    /* The goroutine this worker spawned last, while its queue was empty
     * (sched.c: the spawn slot).  Owner stores and exchanges; a stealer
     * takes it by compare-and-swap, and only every few spins. */
    gort_g *_Atomic spawned;
    _Atomic uint32_t nspawned; /* slot fills, so a stealer can tell a stale one */
    uint32_t *spawns_seen;     /* each victim's nspawned at this worker's last look */
    uint32_t *heads_seen;      /* each victim's runq_head at its last look while counted out */
    bool spinning;
    bool just_woken;     /* by gort__wakep: its first look may take a spawn slot */
    bool awake_in;       /* counted in gort__awake (sched.c: a spinner that only looks is not) */
    int64_t spin_ns;     /* how long it spins before it parks (sched.c's spin) */
    uint32_t ticks_left; /* hand-overs until the next trip through the loop (of 61) */
    uint64_t rand;
    uint64_t goid_next, goid_end; /* goroutine ids taken from next_goid in batches */
    gort_g *free_gs[GORT_G_CACHE]; /* exited goroutines (stack and all), newest last */
    int nfree;
    const void *sched_stack_lo; /* for the sanitizers' fiber switches */
    size_t sched_stack_size;
    void *sched_fake_stack;
    void *tsan_fiber;
    gort__idle *idle_state;
    pthread_t thread;
    /* shared: the local run queue (Go's runq: owner puts at tail, anyone
     * takes at head with a CAS) and the idle flag */
    _Atomic uint32_t runq_head __attribute__((aligned(64)));
    _Atomic uint32_t runq_tail;
    gort_g *_Atomic runq[GORT_RUNQ_SIZE];
    _Atomic int idle; /* 1: parked (or about to), wakeable through gort__idle_wake */
} __attribute__((aligned(64))) gort__worker;

extern gort__worker *gort__workers;
extern int gort__nworkers;
extern _Atomic int gort__exiting;

/* The current worker, NULL off the workers.  Goroutines migrate between
 * threads, so a thread-local address must never be kept across a switch:
 * on x86-64 every read is an asm volatile load off %fs, which the compiler
 * can neither cache nor move across the switch's call (an out-of-line
 * function did the same for a call and a return each time: 4.7% of a
 * ping-pong round trip at one worker, with gort__current calling it in
 * turn).  initial-exec: libgort.so is loaded with the program, not
 * dlopen'ed late, so static TLS holds it, and the linker makes the load a
 * constant offset in an executable. */
extern _Thread_local gort__worker *gort__worker_tls __attribute__((tls_model("initial-exec")));
gort__worker *gort__this_worker_call(void);
static inline gort__worker *gort__this_worker(void) {
#if defined(__x86_64__)
    gort__worker *w;
    __asm__ __volatile__("movq gort__worker_tls@gottpoff(%%rip), %0\n\t"
                         "movq %%fs:(%0), %0"
                         : "=r"(w));
    return w;
#else
    return gort__this_worker_call();
#endif
}
void gort__wakep(void);                /* wake an idle worker if nobody is looking for work */
bool gort__work_pending(void);         /* any run queue non-empty (for the idle re-check) */

/* fence.c: the StoreLoad fence between publishing work and gort__wakep is
 * paid by the worker going idle (gort__fence_heavy before its re-check)
 * where membarrier allows it, so a submitter's publishing store is a plain
 * release store (GORT__PUBLISH). */
extern bool gort__fence_asym;
void gort__fence_setup(int nworkers);
void gort__fence_heavy(void);

/* A release store; the compiler barrier keeps the loads of the wakep
 * that follows after it (the fence is the sleeper's, fence.c). */
#define GORT__PUBLISH(p, v)                                                                        \
    do {                                                                                           \
        if (GORT_LIKELY(gort__fence_asym)) {                                                       \
            atomic_store_explicit(p, v, memory_order_release);                                     \
            atomic_signal_fence(memory_order_seq_cst);                                             \
        } else                                                                                     \
            atomic_store_explicit(p, v, memory_order_seq_cst);                                     \
    } while (0)

/* stack.c */
gort_g *gort__g_alloc(gort__worker *w);
void gort__g_free(gort__worker *w, gort_g *g);
gort_g *gort__g_alloc_main(void);
#define GORT_STACK_CANARY 0x676f72742d6f6b21ULL /* "gort-ok!" */
_Noreturn void gort__stack_overflow(void);
/* The canary below g's stack, checked each time g switches out: fatal
 * "goroutine stack overflow" if g's frames have reached it. */
static inline void gort__stack_check(const gort_g *g) {
    if (GORT_UNLIKELY(g->floor && *(const volatile uint64_t *)g->floor != GORT_STACK_CANARY))
        gort__stack_overflow();
}
void gort__stack_signals_init(void);
void gort__stack_thread_init(void); /* per worker: an alternate signal stack */

#endif
