/*
 * sched.c -- the M:N scheduler: workers, run queues, park and ready.
 *
 * The structure of Go's proc.go, much reduced.  A goroutine that parks,
 * yields or exits switches straight to the next goroutine of its worker
 * (runnext, then the local queue): one switch per hand-over, no trip
 * through a scheduler stack.  Only when nothing local is ready, and every
 * 61st hand-over (timers, the global queue), does it switch to the worker's
 * scheduler loop, which runs on the thread's own stack.  Either way the
 * context that runs next finishes the transition of the one that left
 * (finish_switch; see sched.h).
 *
 * Deadlock accounting counts running workers, not goroutines (go_idle).
 *
 * Finding work, in order: due timers, every 61st tick the global queue
 * (so it cannot starve), runnext, the spawn slot, the local queue, the
 * global queue, then stealing half of another worker's queue (and, every
 * few spins, a spawn slot left stale).  A worker that finds nothing
 * "spins" (keeps looking) for a while, then parks.
 *
 * No lost wake-ups.  Invariant: whenever a goroutine is runnable, some worker
 * is running, spinning, or will re-check the queues before it sleeps.  It is
 * kept Go's way (proc.go's "delicate dance"):
 *   - a worker going idle first sets w->idle and counts itself in nidle,
 *     then stops spinning, then re-checks every queue (seq_cst throughout,
 *     and a membarrier before the re-check: fence.c);
 *   - whoever makes a goroutine runnable publishes it in a queue, then calls
 *     gort__wakep, which wakes an idle worker unless one is spinning (with
 *     no fence in between: the membarrier stands in for it);
 *   - the last spinner to stop re-checks the queues after it stops.
 * Either the waker sees the idle flag, or the re-check sees the work.
 * gort__wakep hands its spinning status to the worker it wakes, so a burst
 * of ready()s wakes workers one at a time, not all at once.
 *
 * runnext: the goroutine a channel operation readies goes to the readier's
 * runnext slot and no other worker is woken for it, so a ping-pong stays on
 * one worker with no syscall; whatever runnext displaces goes to the local
 * queue, where idle workers are woken to steal it.
 */
#include "sched.h"
#include "idle.h"

#include <linux/futex.h>
#include <sched.h>
#include <sys/syscall.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#if defined(__SANITIZE_ADDRESS__)
#include <sanitizer/asan_interface.h>
#include <sanitizer/common_interface_defs.h>
#endif
#if defined(__SANITIZE_THREAD__)
#include <sanitizer/tsan_interface.h>
#endif

enum { AFTER_NONE, AFTER_PARK, AFTER_PARK_UNLOCK, AFTER_YIELD, AFTER_EXIT };

gort__worker *gort__workers GORT_OWN_LINE;
int gort__nworkers GORT_OWN_LINE;
_Atomic int gort__exiting GORT_OWN_LINE;

static _Atomic int nidle GORT_OWN_LINE;     /* workers with idle set */
static _Atomic int nspinning GORT_OWN_LINE; /* workers looking for work */
static _Atomic uint64_t next_goid GORT_OWN_LINE = 1;

/* The global run queue: a ring of pointers that doubles when full, under
 * lock, so that moving a batch in or out never touches the goroutines
 * themselves (each is on a page of its own: walking a list through them
 * was a cache and TLB miss per goroutine, with the lock held). */
static struct GORT_OWN_LINE {
    gort__lock lock;
    gort_g **ring; /* cap entries, a power of two; [head, head + n) are queued */
    size_t cap, head;
    _Atomic size_t n; /* read without the lock to skip an empty queue */
} global;

typedef struct main_args {
    int (*fn)(int, char **);
    int argc;
    char **argv;
} main_args;
static main_args main_call;
static _Atomic uint32_t main_done;
static int main_result;

/* ---- the current worker (sched.h) ------------------------------------------- */
_Thread_local gort__worker *gort__worker_tls __attribute__((tls_model("initial-exec")));

GORT_NOINLINE gort__worker *gort__this_worker_call(void) {
    __asm__ __volatile__("" ::: "memory");
    return gort__worker_tls;
}

gort_g *gort__current(void) {
    gort__worker *w = gort__this_worker();
    return w ? w->cur : NULL;
}

uint64_t gort__goid(void) {
    gort_g *g = gort__current();
    return g ? g->id : 0;
}

int gort__procs(void) { return gort__nworkers; }

/* ---- switching, with the sanitizers' fiber annotations ------------------
 * Three kinds of switch: goroutine to goroutine (the direct hand-over when a
 * goroutine parks, yields or exits and its worker has another one ready),
 * goroutine to the worker's scheduler loop (nothing local is ready), and the
 * loop to a goroutine.  Whatever context a switch lands in first calls
 * finish_switch, which completes the transition of the goroutine that left
 * (w->prev): only then, off its stack, may it become PARKED or be freed. */

static void finish_switch(gort__worker *w);

#if defined(__SANITIZE_ADDRESS__)
#define ASAN_START(save, lo, size) __sanitizer_start_switch_fiber((save), (lo), (size))
#define ASAN_FINISH(fake) __sanitizer_finish_switch_fiber((fake), NULL, NULL)
#else
#define ASAN_START(save, lo, size) ((void)0)
#define ASAN_FINISH(fake) ((void)0)
#endif
#if defined(__SANITIZE_THREAD__)
#define TSAN_SWITCH(fiber) __tsan_switch_to_fiber((fiber), 0)
#else
#define TSAN_SWITCH(fiber) ((void)0)
#endif

/* From the scheduler loop into g. */
static void sched_to_g(gort__worker *w, gort_g *g) {
    w->cur = g;
    gort__stat(GORT__STAT_SWITCHES, 1);
    ASAN_START(&w->sched_fake_stack, g->stack_lo, g->stack_size);
    TSAN_SWITCH(g->tsan_fiber);
    gort__ctx_switch(&w->sched_ctx, &g->ctx);
    ASAN_FINISH(w->sched_fake_stack);
    finish_switch(w); /* the loop's context never migrates: w is still ours */
}

/* Record that g leaves for next (the scheduler loop when NULL), asking for
 * `after`, and return the context to switch to: the sanitizers' hooks are
 * the last thing before the switch. */
static gort__ctx *leave_for(gort__worker *w, gort_g *g, int after, gort_g *next) {
    w->prev = g;
    w->after = after;
    w->cur = next;
    gort__stat(GORT__STAT_SWITCHES, 1);
    void **save = after == AFTER_EXIT ? NULL : &g->asan_fake_stack;
    (void)save;
    if (next) {
        ASAN_START(save, next->stack_lo, next->stack_size);
        TSAN_SWITCH(next->tsan_fiber);
        return &next->ctx;
    }
    ASAN_START(save, w->sched_stack_lo, w->sched_stack_size);
    TSAN_SWITCH(w->tsan_fiber);
    return &w->sched_ctx;
}

/* From goroutine g to next.  Returns when g is resumed, perhaps on another
 * worker, with that worker's switch finished.  The one call site of the
 * switch: every goroutine resumed returns to the address that the CPU's
 * return predictor has on top. */
static void g_leave(gort__worker *w, gort_g *g, int after, gort_g *next) {
    gort__ctx_switch(&g->ctx, leave_for(w, g, after, next));
    ASAN_FINISH(g->asan_fake_stack);
    finish_switch(gort__this_worker());
}

/* g's end: the context to resume, for gort__ctx_start to switch to (ctx.h).
 * Under a sanitizer g switches here instead: the fiber hooks must come
 * right before the switch, with no instrumented return in between. */
static gort__ctx *g_exit(gort__worker *w, gort_g *g, gort_g *next) {
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
    g_leave(w, g, AFTER_EXIT, next);
    __builtin_unreachable();
#else
    return leave_for(w, g, AFTER_EXIT, next);
#endif
}

static gort_g *next_local(gort__worker *w);

static gort__ctx *g_entry(void) {
    ASAN_FINISH(NULL);
    gort__worker *w = gort__this_worker();
    finish_switch(w);
    gort_g *g = w->cur;
    if (g->is_main) {
        main_args *m = g->arg;
        main_result = m->fn(m->argc, m->argv);
        atomic_store(&gort__exiting, 1);
        atomic_store_explicit(&main_done, 1, memory_order_release);
        syscall(SYS_futex, &main_done, FUTEX_WAKE_PRIVATE, 1, NULL, NULL, 0); /* not a park: uncounted */
        return g_exit(gort__this_worker(), g, NULL);
    }
    g->fn(g->arg);
    w = gort__this_worker();
    return g_exit(w, g, next_local(w));
}

/* ---- run queues ---------------------------------------------------------- */

static void global_grow(size_t need) {
    size_t n = atomic_load_explicit(&global.n, memory_order_relaxed), cap = global.cap ? global.cap : 256;
    while (cap < need)
        cap *= 2;
    gort_g **ring = malloc(cap * sizeof *ring);
    if (!ring)
        gort__fatal("out of memory growing the global run queue");
    for (size_t i = 0; i < n; i++)
        ring[i] = global.ring[(global.head + i) & (global.cap - 1)];
    free(global.ring);
    global.ring = ring;
    global.cap = cap;
    global.head = 0;
}

/* Append gs[0..n) to the global queue. */
static void global_put_batch(gort_g *const *gs, size_t n) {
    gort__lock_acquire(&global.lock);
    size_t queued = atomic_load_explicit(&global.n, memory_order_relaxed);
    if (queued + n > global.cap)
        global_grow(queued + n);
    for (size_t i = 0; i < n; i++)
        global.ring[(global.head + queued + i) & (global.cap - 1)] = gs[i];
    atomic_fetch_add_explicit(&global.n, n, memory_order_seq_cst);
    gort__lock_release(&global.lock);
}

static void global_put(gort_g *g) { global_put_batch(&g, 1); }

/* Start loading a queued goroutine that runs soon: its descriptor, and the
 * frame a new one starts from just below it (asm and uring; ucontext's
 * context is in the descriptor).  Each goroutine is on a page of its own,
 * so each one touched is a cache and TLB miss. */
static inline void g_prefetch(const gort_g *g) {
    __builtin_prefetch(g, 1);
    __builtin_prefetch((const char *)g + 64, 1);
    __builtin_prefetch((const char *)g - 64, 1);
}

static bool runq_put(gort__worker *w, gort_g *g);
static void runq_put_batch(gort__worker *w, gort_g *const *gs, uint32_t n);

/* Take one from the global queue; with w, also move up to a fair share more
 * into w's local queue, so the lock is not taken once per goroutine. */
static gort_g *global_get(gort__worker *w) {
    if (atomic_load_explicit(&global.n, memory_order_seq_cst) == 0)
        return NULL;
    gort_g *batch[GORT_RUNQ_SIZE / 2];
    gort__lock_acquire(&global.lock);
    size_t n = atomic_load_explicit(&global.n, memory_order_relaxed);
    size_t take = w ? n / (size_t)gort__nworkers + 1 : 1;
    if (take > n)
        take = n;
    if (take > GORT_RUNQ_SIZE / 2)
        take = GORT_RUNQ_SIZE / 2;
    for (size_t i = 0; i < take; i++)
        batch[i] = global.ring[(global.head + i) & (global.cap - 1)];
    global.head = (global.head + take) & (global.cap - 1);
    atomic_fetch_sub_explicit(&global.n, take, memory_order_relaxed);
    gort__lock_release(&global.lock);
    if (!take)
        return NULL;
    g_prefetch(batch[0]);
    runq_put_batch(w, batch + 1, (uint32_t)take - 1);
    return batch[0];
}

/* Local queue full: move half of it and g to the global queue (Go's
 * runqputslow), so a producer cannot overflow its worker. */
static void runq_put_slow(gort__worker *w, gort_g *g, uint32_t h, uint32_t t) {
    uint32_t n = (t - h) / 2; /* the queue is full: n = GORT_RUNQ_SIZE / 2 */
    gort_g *batch[GORT_RUNQ_SIZE / 2 + 1];
    for (uint32_t i = 0; i < n; i++)
        batch[i] = atomic_load_explicit(&w->runq[(h + i) % GORT_RUNQ_SIZE], memory_order_relaxed);
    if (!atomic_compare_exchange_strong_explicit(&w->runq_head, &h, h + n, memory_order_acq_rel,
                                                 memory_order_relaxed)) {
        runq_put(w, g); /* a stealer made room */
        return;
    }
    batch[n] = g;
    global_put_batch(batch, n + 1); /* one lock for the lot */
}

/* With one worker (gort__solo) no other thread reads or writes a worker's
 * queues or spawn slot (lock.c): they take no locked instruction and no
 * fence (a spawn-and-wait there, gate's count of alternating runs: 39.0
 * -> 36.9 ns without the slot's exchange and sequentially consistent store).
 * With more, the same holds while the others sleep (solo.h). */

static bool runq_put(gort__worker *w, gort_g *g) {
    uint32_t h = atomic_load_explicit(&w->runq_head, memory_order_acquire);
    uint32_t t = atomic_load_explicit(&w->runq_tail, memory_order_relaxed);
    if (t - h < GORT_RUNQ_SIZE) {
        atomic_store_explicit(&w->runq[t % GORT_RUNQ_SIZE], g, memory_order_relaxed);
        if (GORT_LIKELY(gort__solo))
            atomic_store_explicit(&w->runq_tail, t + 1, memory_order_relaxed);
        else if (!gort__solo_cas32(&w->runq_tail, t, t + 1))
            GORT__PUBLISH(&w->runq_tail, t + 1);
        return true;
    }
    runq_put_slow(w, g, h, t);
    return true;
}

/* Append gs[0..n) to w's queue with one publishing store (each runq_put's
 * is a full fence where fence.c's membarrier is not in use); what does not
 * fit goes through runq_put's overflow. */
static void runq_put_batch(gort__worker *w, gort_g *const *gs, uint32_t n) {
    if (n == 0)
        return;
    uint32_t h = atomic_load_explicit(&w->runq_head, memory_order_acquire);
    uint32_t t = atomic_load_explicit(&w->runq_tail, memory_order_relaxed);
    if (n > GORT_RUNQ_SIZE - (t - h)) {
        for (uint32_t i = 0; i < n; i++)
            runq_put(w, gs[i]);
        return;
    }
    for (uint32_t i = 0; i < n; i++)
        atomic_store_explicit(&w->runq[(t + i) % GORT_RUNQ_SIZE], gs[i], memory_order_relaxed);
    GORT__PUBLISH(&w->runq_tail, t + n);
}

static gort_g *runq_get(gort__worker *w) {
    uint32_t h = atomic_load_explicit(&w->runq_head, memory_order_acquire);
    for (;;) {
        uint32_t t = atomic_load_explicit(&w->runq_tail, memory_order_acquire);
        if (t == h)
            return NULL;
        gort_g *g = atomic_load_explicit(&w->runq[h % GORT_RUNQ_SIZE], memory_order_relaxed);
        if (GORT_LIKELY(gort__solo))
            atomic_store_explicit(&w->runq_head, h + 1, memory_order_relaxed);
        else if (!gort__solo_cas32(&w->runq_head, h, h + 1) &&
                 !atomic_compare_exchange_weak_explicit(&w->runq_head, &h, h + 1,
                                                        memory_order_acq_rel, memory_order_acquire))
            continue;
        if (t - h > 1) /* the one after it runs soon */
            g_prefetch(
                atomic_load_explicit(&w->runq[(h + 1) % GORT_RUNQ_SIZE], memory_order_relaxed));
        return g;
    }
}

/* A thief that finds only a few goroutines (under STEAL_FEW) in a victim's
 * queue waits a while, once per look for work, before it takes half: until
 * the queue holds STEAL_ENOUGH, or is empty again (its owner ran them), or
 * about 8 us have passed.  Taken as they arrived, one or two at a time,
 * every goroutine crossed cores on its own, with the queue's head and tail
 * lines, and a partner it was about to meet on a channel moved with it:
 * spawning 100,000 at two workers was 1.2 million steals.  Alternating
 * runs, asm, two workers, waiting / not: ChanProdCons10 0.74x,
 * SelectSyncContended 0.37x, SpawnWait n:100000 0.87x, worker_pool 0.73x,
 * pipeline 0.77x, crossbeam select_both 0.72x; ping-pong, the buffered and
 * wake-up benchmarks unchanged.  (16 us did a little better on some and
 * worse on others; Go waits about 3 us before it steals a runnext.) */
#define STEAL_FEW         8
#define STEAL_ENOUGH      64
#define STEAL_WAIT_NS     8000
#define STEAL_LOOK_NS     640 /* a look pulls the victim's lines over: not every pause */

static uint32_t runq_len(gort__worker *v) {
    uint32_t h = atomic_load_explicit(&v->runq_head, memory_order_acquire);
    return atomic_load_explicit(&v->runq_tail, memory_order_acquire) - h;
}

static void steal_wait(gort__worker *victim) {
    unsigned look = gort__pauses(STEAL_LOOK_NS), pauses = gort__pauses(STEAL_WAIT_NS);
    for (unsigned i = 1; i <= pauses; i++) {
        gort__cpu_relax();
        if (i % look == 0) {
            uint32_t n = runq_len(victim);
            if (n == 0 || n >= STEAL_ENOUGH)
                return;
        }
    }
}

/* Steal half of victim's queue into w's; returns one of them to run.
 * *patient: the thief may still wait for a short queue to grow. */
static gort_g *runq_steal(gort__worker *w, gort__worker *victim, bool *patient) {
    for (;;) {
        uint32_t h = atomic_load_explicit(&victim->runq_head, memory_order_acquire);
        uint32_t t = atomic_load_explicit(&victim->runq_tail, memory_order_acquire);
        uint32_t n = t - h;
        if (*patient && n > 0 && n < STEAL_FEW) {
            *patient = false;
            steal_wait(victim);
            continue;
        }
        n -= n / 2;
        if (n == 0 || n > GORT_RUNQ_SIZE / 2 + 1)
            return NULL;
        gort_g *batch[GORT_RUNQ_SIZE / 2 + 1];
        for (uint32_t i = 0; i < n; i++)
            batch[i] = atomic_load_explicit(&victim->runq[(h + i) % GORT_RUNQ_SIZE],
                                            memory_order_relaxed);
        if (!atomic_compare_exchange_strong_explicit(&victim->runq_head, &h, h + n,
                                                     memory_order_acq_rel, memory_order_acquire))
            continue;
        gort__stat(GORT__STAT_STEALS, 1);
        runq_put_batch(w, batch + 1, n - 1); /* w's own queue is empty: these fit */
        return batch[0];
    }
}

bool gort__work_pending(void) {
    if (atomic_load_explicit(&global.n, memory_order_seq_cst))
        return true;
    for (int i = 0; i < gort__nworkers; i++) {
        gort__worker *v = &gort__workers[i];
        if (atomic_load_explicit(&v->runq_tail, memory_order_seq_cst) !=
                atomic_load_explicit(&v->runq_head, memory_order_seq_cst) ||
            atomic_load_explicit(&v->spawned, memory_order_seq_cst))
            return true;
    }
    return false;
}

/* ---- the spawn slot ------------------------------------------------------------
 * A new goroutine goes to its spawner's run queue only behind others; when
 * the queue is empty it waits in w->spawned instead, which stealers look at
 * only every few spins.  A spawner that then blocks (spawn one, wait for it)
 * runs it itself, and the spinning worker's steady polling of the run
 * queue, which had pulled that line across cores on every spawn and took a
 * quarter of the time of a spawn-and-wait at two workers, finds an
 * unchanged line.  A spawner that keeps running loses it to a stealer a few
 * microseconds later (Go's runnext, stolen after a short sleep). */

/* FIFO with the run queue: the slot is filled only while the queue is
 * empty, and read before it.  The store publishes (GORT__PUBLISH): the
 * spawner's gort__wakep that follows must not read nidle before the slot
 * is visible to an idle worker's re-check (the dance at the top; fence.c). */
static bool spawned_put(gort__worker *w, gort_g *g) {
    if (atomic_load_explicit(&w->spawned, memory_order_relaxed) ||
        atomic_load_explicit(&w->runq_tail, memory_order_relaxed) !=
            atomic_load_explicit(&w->runq_head, memory_order_relaxed))
        return false;
    if (GORT_LIKELY(gort__solo)) {
        atomic_store_explicit(&w->spawned, g, memory_order_relaxed);
        return true;
    }
    atomic_store_explicit(&w->nspawned,
                          atomic_load_explicit(&w->nspawned, memory_order_relaxed) + 1,
                          memory_order_relaxed);
    if (!gort__solo_casp((void *_Atomic *)&w->spawned, NULL, g))
        GORT__PUBLISH(&w->spawned, g);
    return true;
}

static gort_g *spawned_take(gort__worker *w) {
    gort_g *g = atomic_load_explicit(&w->spawned, memory_order_relaxed);
    if (!g)
        return NULL;
    if (GORT_LIKELY(gort__solo)) {
        atomic_store_explicit(&w->spawned, NULL, memory_order_relaxed);
        return g;
    }
    if (gort__solo_casp((void *_Atomic *)&w->spawned, g, NULL))
        return g;
    return atomic_exchange_explicit(&w->spawned, NULL, memory_order_acquire);
}

/* How a stealer treats the victims' spawn slots. */
enum { SLOTS_SKIP, SLOTS_STALE, SLOTS_ANY };

/* Take victim's slot: with SLOTS_STALE only if it has held the same
 * goroutine since w's last look (no fill in between: its spawner has kept
 * running); with SLOTS_ANY, the first look of a worker just woken, at once,
 * since a spawn's wake-up is what woke it and that look costs one line
 * where the wake-up cost a syscall. */
static gort_g *spawned_steal(gort__worker *w, gort__worker *victim, int slots) {
    uint32_t n = atomic_load_explicit(&victim->nspawned, memory_order_relaxed);
    gort_g *g = atomic_load_explicit(&victim->spawned, memory_order_relaxed);
    bool stale = slots == SLOTS_ANY || n == w->spawns_seen[victim->id];
    w->spawns_seen[victim->id] = n;
    if (!g || !stale ||
        !atomic_compare_exchange_strong_explicit(&victim->spawned, &g, NULL, memory_order_acquire,
                                                 memory_order_relaxed))
        return NULL;
    gort__stat(GORT__STAT_STEALS, 1);
    return g;
}

/* ---- waking idle workers -------------------------------------------------- */

/* gort__awake (solo.h) counts the workers that may write shared state:
 * those running goroutines, and a spinner until its first look comes back
 * empty.  Then it counts itself out and looks by loads alone, so that the
 * one busy worker keeps its plain stores while another spins (spawn one,
 * wait for it, at two workers: the spawner's wake-up keeps the other worker
 * spinning nearly all the time).  Only when it sees work does it count
 * itself in again (awake_enter), through the barrier.  awake_counted: the
 * plain stores are in use (solo.h); else the count is not kept. */
static bool awake_counted;

static void awake_add(int d) {
#ifdef GORT_SOLO_RSEQ
    if (awake_counted)
        atomic_fetch_add_explicit(&gort__awake, d, memory_order_seq_cst);
#else
    (void)d;
#endif
}

/* Count w in on its own (nobody woke it): another worker may be taking
 * locks with plain stores, so w touches nothing shared until the barrier
 * returns. */
static void awake_enter(gort__worker *w) {
    if (w->awake_in)
        return;
    w->awake_in = true;
#ifdef GORT_SOLO_RSEQ
    if (awake_counted && atomic_fetch_add_explicit(&gort__awake, 1, memory_order_seq_cst) > 0)
        gort__solo_revoke();
#endif
}

/* After w's last shared store (solo.h). */
static void awake_leave(gort__worker *w) {
    if (!w->awake_in)
        return;
    w->awake_in = false;
    awake_add(-1);
}

void gort__wakep(void) {
    if (atomic_load_explicit(&nidle, memory_order_seq_cst) == 0)
        return;
    int zero = 0;
    if (atomic_load_explicit(&nspinning, memory_order_seq_cst) != 0 ||
        !atomic_compare_exchange_strong_explicit(&nspinning, &zero, 1, memory_order_seq_cst,
                                                 memory_order_relaxed))
        return;
    /* The woken worker starts out spinning: it inherits our increment. */
    int start = (int)(gort__fastrand() % (uint32_t)gort__nworkers);
    for (int i = 0; i < gort__nworkers; i++) {
        gort__worker *v = &gort__workers[(start + i) % gort__nworkers];
        int one = 1;
        if (atomic_load_explicit(&v->idle, memory_order_relaxed) == 1 &&
            atomic_compare_exchange_strong_explicit(&v->idle, &one, 0, memory_order_seq_cst,
                                                    memory_order_relaxed)) {
            atomic_fetch_sub_explicit(&nidle, 1, memory_order_seq_cst);
            gort__units_inc(); /* counted in before it runs (go_idle) */
            awake_add(1);      /* and in gort__awake: v->awake_in, set by v */
            gort__idle_wake(v);
            return;
        }
    }
    atomic_fetch_sub_explicit(&nspinning, 1, memory_order_seq_cst);
}

static void stop_spinning(gort__worker *w) {
    if (!w->spinning)
        return;
    w->spinning = false;
    /* The last spinner to find work wakes another, so that work arriving
     * faster than one worker takes it is spread (Go's resetspinning). */
    if (atomic_fetch_sub_explicit(&nspinning, 1, memory_order_seq_cst) == 1)
        gort__wakep();
}

/* ---- runnext ----------------------------------------------------------------
 * Only its owner touches a worker's runnext, so it takes no atomic: it holds
 * the goroutine a channel operation just woke (SPEC 4), which runs when the
 * waker blocks.  A goroutine that must be stealable (a new one) goes to the
 * spawn slot or the run queue instead. */

/* Make g the next to run on w; what it displaces goes to w's queue, where
 * an idle worker is woken to steal it. */
static void runnext_put(gort__worker *w, gort_g *g) {
    gort_g *old = w->runnext;
    w->runnext = g;
    if (old) {
        runq_put(w, old);
        gort__wakep();
    }
}

static gort_g *runnext_take(gort__worker *w) {
    gort_g *g = w->runnext;
    w->runnext = NULL;
    return g;
}

/* ---- park, ready, yield, spawn, exit ------------------------------------------ */

#define SCHED_EVERY 61

/* Count a hand-over; true every SCHED_EVERY-th (a decrement, not a modulo:
 * this is on every switch). */
static inline bool tick_is_due(gort__worker *w) {
    if (GORT_LIKELY(w->ticks_left-- > 1))
        return false;
    w->ticks_left = SCHED_EVERY;
    return true;
}

/* What the worker runs next without going through its scheduler loop: its
 * runnext or local queue.  Every 61st time it goes through the loop anyway,
 * which fires due timers and looks at the global queue. */
static gort_g *next_local(gort__worker *w) {
    if (GORT_UNLIKELY(tick_is_due(w)))
        return NULL;
    gort_g *g = runnext_take(w);
    if (g || (g = spawned_take(w)))
        return g;
    return runq_get(w);
}

void gort__park(void) {
    gort__worker *w = gort__this_worker();
    gort_g *g = w->cur;
    /* A ready that came while we were still unlocking left its token. */
    if (atomic_load_explicit(&g->state, memory_order_acquire) == G_TOKEN) {
        atomic_store_explicit(&g->state, G_RUNNING, memory_order_relaxed);
        return;
    }
    g_leave(w, g, AFTER_PARK, next_local(w));
}

/* Park holding l, which is released only once g is off its stack and
 * PARKED: whoever finds g's waiter (under l) sees it parked and readies it
 * with plain stores, no token and no compare-and-swap on either side. */
void gort__park_unlock(gort__lock *l, gort_g **self) {
    gort__worker *w = gort__this_worker();
    gort_g *g = w->cur;
    *self = g;
    w->park_lock = l;
    g_leave(w, g, AFTER_PARK_UNLOCK, next_local(w));
}

void gort__yield(void) {
    gort__worker *w = gort__this_worker();
    g_leave(w, w->cur, AFTER_YIELD, next_local(w));
}

void gort__ready(gort_g *g) {
    gort__stat(GORT__STAT_WAKEUPS, 1);
    /* One ready per park (backend.h): if g is PARKED, nobody else touches
     * its state now, and a store will do. */
    uint32_t s = atomic_load_explicit(&g->state, memory_order_acquire);
    if (s == G_RUNNING &&
        atomic_compare_exchange_strong_explicit(&g->state, &s, G_TOKEN, memory_order_acq_rel,
                                                memory_order_acquire))
        return; /* it has not parked yet; its park will see the token */
    GORT_ASSERT(s == G_PARKED);
    atomic_store_explicit(&g->state, G_RUNNING, memory_order_relaxed);
    gort__worker *w = gort__this_worker();
    if (!w) {
        global_put(g);
        gort__wakep();
        return;
    }
    runnext_put(w, g);
}

/* Unique, not ordered: a worker takes ids in batches (Go's goidcache), so
 * a spawn touches no shared counter. */
#define GOID_BATCH 16
static uint64_t new_goid(gort__worker *w) {
    if (!w)
        return atomic_fetch_add_explicit(&next_goid, 1, memory_order_relaxed) + 1;
    if (w->goid_next == w->goid_end) {
        w->goid_next = atomic_fetch_add_explicit(&next_goid, GOID_BATCH, memory_order_relaxed) + 1;
        w->goid_end = w->goid_next + GOID_BATCH;
    }
    return w->goid_next++;
}

#if defined(__SANITIZE_THREAD__)
/* ThreadSanitizer counts every fiber against its 8128-thread limit and dies
 * past it; say so clearly instead. */
#define TSAN_MAX_LIVE 1000
static _Atomic int tsan_live;
#endif

void gort__spawn(void (*fn)(void *), void *arg) {
#if defined(__SANITIZE_THREAD__)
    if (atomic_fetch_add(&tsan_live, 1) >= TSAN_MAX_LIVE)
        gort__unavailable("under ThreadSanitizer at most 1000 goroutines (fibers) may be alive at once");
#endif
    gort__worker *w = gort__this_worker();
    gort_g *g = gort__g_alloc(w);
    g->fn = fn;
    g->arg = arg;
    g->id = new_goid(w);
    atomic_store_explicit(&g->state, G_RUNNING, memory_order_relaxed);
    gort__ctx_make(&g->ctx, g->stack_lo, g->stack_size, g_entry);
#if defined(__SANITIZE_THREAD__)
    g->tsan_fiber = __tsan_create_fiber(0);
#endif
    /* In the spawn slot or at the tail of this worker's queue, where an
     * idle worker (woken here) can steal it if the spawner keeps running.
     * The wake stays even for the slot, though a spawner that parks next
     * runs the child itself: skipping it made SpawnWait at two workers 28
     * instead of 66 ns, but a spawner that spins until its child acts (as
     * WakeIdle and conformance/spawned_runs_while_spawner_busy.c do) then
     * waits forever, since nothing preempts it. */
    if (w) {
        if (!spawned_put(w, g))
            runq_put(w, g);
    } else
        global_put(g);
    gort__wakep();
}

/* ---- the scheduler loop ----------------------------------------------------- */

/* Complete the transition of the goroutine that just switched out. */
static void finish_switch(gort__worker *w) {
    gort_g *g = w->prev;
    if (!g)
        return;
    w->prev = NULL;
    gort__stack_check(g);
    int after = w->after;
    w->after = AFTER_NONE;
    if (GORT_LIKELY(after == AFTER_PARK_UNLOCK)) { /* every channel park: first */
        gort__stat(GORT__STAT_PARKS, 1);
        atomic_store_explicit(&g->state, G_PARKED, memory_order_release);
        gort__lock_release(w->park_lock);
        return;
    }
    switch (after) {
    case AFTER_PARK: {
        uint32_t s = G_RUNNING;
        if (atomic_compare_exchange_strong_explicit(&g->state, &s, G_PARKED, memory_order_acq_rel,
                                                    memory_order_acquire)) {
            gort__stat(GORT__STAT_PARKS, 1);
        } else { /* the ready came first: it is runnable again */
            atomic_store_explicit(&g->state, G_RUNNING, memory_order_relaxed);
            runq_put(w, g);
        }
        break;
    }
    case AFTER_YIELD:
        runq_put(w, g); /* behind everything this worker has queued */
        break;
    case AFTER_EXIT:
        if (g->is_main)
            break; /* the program is ending */
#if defined(__SANITIZE_THREAD__)
        __tsan_destroy_fiber(g->tsan_fiber);
        atomic_fetch_sub(&tsan_live, 1);
#endif
        gort__g_free(w, g);
        break;
    }
}

/* slots: whether (and how) to look at the victims' spawn slots too. */
static gort_g *try_steal(gort__worker *w, int slots) {
    int n = gort__nworkers;
    bool patient = true;
    for (int attempt = 0; attempt < 4; attempt++) {
        int start = (int)(gort__fastrand() % (uint32_t)n);
        for (int i = 0; i < n; i++) {
            gort__worker *v = &gort__workers[(start + i) % n];
            if (v == w)
                continue;
            gort_g *g = runq_steal(w, v, &patient);
            if (g || (slots != SLOTS_SKIP && attempt == 0 && (g = spawned_steal(w, v, slots))))
                return g;
        }
    }
    return NULL;
}

static gort_g *find_local(gort__worker *w) {
    gort_g *g;
    if (tick_is_due(w) && (g = global_get(NULL)) != NULL)
        return g;
    if ((g = runnext_take(w)) != NULL || (g = spawned_take(w)) != NULL)
        return g;
    if ((g = runq_get(w)) != NULL)
        return g;
    return global_get(w);
}

/* A spinning worker looks for work every SPIN_GAP_NS for SPIN_NS, then
 * parks.  Times, not counts of pauses or sched_yield calls, which cost 2
 * and 12 times more on one of this workplace's machine kinds than on the
 * other (README).  Its looks pull the busy workers' queue lines over, so
 * they are spaced out, with the CPU yielded in between.  Xeon, asm, two
 * workers, against 32 looks a sched_yield apart (about 10 us in all
 * there): CreateGoroutines 30.0 -> 23.7 ns, SpawnWait n:1 82.6 -> 68.0,
 * pipeline 38.4 -> 24.3 ms, worker_pool 25.3 -> 10.7; ping-pong and the
 * prime sieve unchanged.  Gaps under 1 us gained about two thirds as much,
 * 5 us no more; windows of 20 to 80 us alike.
 *
 * The window doubles (up to SPIN_MAX_NS) each time a worker is woken less
 * than SPIN_NS after it went to sleep, falls back after a longer sleep,
 * and halves when work turns up only after SPIN_NS of looking: work that
 * comes back that soon after each window, as in a loop that spawns one
 * goroutine and waits for it, paid a futex wake-up (10 us on the EPYC) and
 * a stolen child every 40 us, while a spinner costs the busy worker nothing
 * as long as it only looks (awake_leave above).  EPYC, asm, two workers,
 * interleaved runs: SpawnWait n:1 67 -> 46 ns with the counted-out spinner,
 * 64 with a fixed 1 ms window alone, 57 with the spinner alone. */
#define SPIN_NS     40000
#define SPIN_MAX_NS 640000
#define SPIN_GAP_NS 2000

/* Deadlock accounting (backend.h's gort__units) on the M:N backends counts
 * running workers, not goroutines, so that no channel operation touches a
 * shared counter: a worker holds a unit while it is not committed to sleep,
 * and whoever wakes one (gort__wakep) counts it back in before the wake.
 * Every goroutine that can run is on a worker that holds a unit or in a
 * queue that such a worker will look at, so the count reaches zero only
 * when every goroutine is parked and no timer is pending: Go's checkdead. */
static void go_idle(gort__worker *w) {
    atomic_store_explicit(&w->idle, 1, memory_order_seq_cst);
    atomic_fetch_add_explicit(&nidle, 1, memory_order_seq_cst);
    bool was_spinning = w->spinning;
    if (was_spinning) {
        w->spinning = false;
        atomic_fetch_sub_explicit(&nspinning, 1, memory_order_seq_cst);
    }
    /* The re-check after publishing idleness (see the top of this file),
     * behind the fence that submitters leave to us (fence.c). */
    gort__fence_heavy();
    if (gort__work_pending()) {
        int one = 1;
        if (atomic_compare_exchange_strong_explicit(&w->idle, &one, 0, memory_order_seq_cst,
                                                    memory_order_relaxed)) {
            atomic_fetch_sub_explicit(&nidle, 1, memory_order_seq_cst);
            if (was_spinning) {
                w->spinning = true;
                atomic_fetch_add_explicit(&nspinning, 1, memory_order_seq_cst);
            }
            awake_enter(w);
            return;
        }
        /* A waker took us already, counted us in (units and awake) and as
         * spinning; we never counted ourselves out of units. */
        gort__units_dec();
        if (w->awake_in)
            awake_add(-1);
        w->awake_in = true;
        w->spinning = w->just_woken = true;
        return;
    }
    awake_leave(w);
    gort__units_dec(); /* reports the deadlock when nothing is left */
    gort__stat(GORT__STAT_WORKER_PARKS, 1);
    int64_t slept = gort_nanotime();
    gort__idle_park(w);
    slept = gort_nanotime() - slept;
    w->spin_ns = slept >= SPIN_NS           ? SPIN_NS
                 : w->spin_ns < SPIN_MAX_NS ? 2 * w->spin_ns
                                            : SPIN_MAX_NS;
    int one = 1;
    if (atomic_compare_exchange_strong_explicit(&w->idle, &one, 0, memory_order_seq_cst,
                                                memory_order_relaxed)) {
        awake_enter(w); /* timeout (a timer is due): on our own */
        gort__units_inc();
        atomic_fetch_sub_explicit(&nidle, 1, memory_order_seq_cst);
    } else {
        w->awake_in = true; /* woken by gort__wakep, which counted us */
        w->spinning = w->just_woken = true;
    }
}

/* What a look with `slots` would find, by loads alone, for a spinner that
 * is counted out: the slots to look with (SLOTS_ANY where a stale slot was
 * seen: this look recorded it), or -1 for nothing.  Counting back in costs
 * a barrier (microseconds, and an interrupt of the busy worker), so a
 * victim's queue counts only if it is long enough to steal from at once,
 * or its owner has not taken from it since the last look: in a pipeline
 * the busy worker's queue holds a goroutine for a moment at every hand-off,
 * and counting in for each of those cost 1,700 barriers for 15 steals. */
static int work_visible(gort__worker *w, int slots) {
    int found = atomic_load_explicit(&global.n, memory_order_seq_cst) || gort__idle_due(w) ||
                        w->runnext || atomic_load_explicit(&w->spawned, memory_order_relaxed) ||
                        runq_len(w)
                    ? SLOTS_SKIP
                    : -1;
    for (int i = 0; i < gort__nworkers; i++) {
        gort__worker *v = &gort__workers[i];
        if (v == w)
            continue;
        uint32_t h = atomic_load_explicit(&v->runq_head, memory_order_acquire);
        uint32_t len = atomic_load_explicit(&v->runq_tail, memory_order_acquire) - h;
        if (len && (len >= STEAL_FEW || h == w->heads_seen[i]) && found < SLOTS_SKIP)
            found = SLOTS_SKIP;
        w->heads_seen[i] = h;
        if (slots == SLOTS_SKIP)
            continue;
        uint32_t n = atomic_load_explicit(&v->nspawned, memory_order_relaxed);
        bool stale = slots == SLOTS_ANY || n == w->spawns_seen[i];
        w->spawns_seen[i] = n;
        if (stale && atomic_load_explicit(&v->spawned, memory_order_relaxed))
            found = SLOTS_ANY;
    }
    return found;
}

static gort_g *look(gort__worker *w, int slots) {
    gort_g *g;
    if ((g = try_steal(w, slots)) != NULL || (g = global_get(w)) != NULL)
        return g;
    gort__idle_poll(w);
    return find_local(w);
}

static gort_g *spin(gort__worker *w) {
    int64_t start = gort_nanotime(), until = start + w->spin_ns;
    for (int n = 0;; n++) {
        int slots = w->just_woken ? SLOTS_ANY : n % 4 == 3 ? SLOTS_STALE : SLOTS_SKIP;
        w->just_woken = false;
        if (w->awake_in || (slots = work_visible(w, slots)) >= 0) {
            awake_enter(w);
            gort_g *g = look(w, slots);
            if (g) {
                if (w->spin_ns > SPIN_NS && gort_nanotime() - start > SPIN_NS)
                    w->spin_ns /= 2; /* work came, but late: spinning that long was mostly waste */
                return g;
            }
            awake_leave(w);
        }
        int64_t next = gort_nanotime() + SPIN_GAP_NS;
        if (next > until)
            return NULL;
        sched_yield();
        while (gort_nanotime() < next)
            gort__cpu_relax();
    }
}

static gort_g *find_runnable(gort__worker *w) {
    for (;;) {
        if (GORT_UNLIKELY(atomic_load_explicit(&gort__exiting, memory_order_relaxed)))
            return NULL;
        gort__idle_poll(w); /* due timers may ready goroutines into runnext */
        gort_g *g = find_local(w);
        if (g)
            return g;
        if (!w->spinning && 2 * atomic_load(&nspinning) < gort__nworkers - atomic_load(&nidle)) {
            w->spinning = true;
            atomic_fetch_add_explicit(&nspinning, 1, memory_order_seq_cst);
        }
        if (w->spinning && (g = spin(w)) != NULL)
            return g;
        go_idle(w);
    }
}

static void worker_loop(gort__worker *w) {
    for (;;) {
        gort_g *g = find_runnable(w);
        if (!g)
            break;
        w->just_woken = false; /* it found work before its first look at the slots */
        stop_spinning(w);
        sched_to_g(w, g);
    }
    /* main has returned: the remaining goroutines are abandoned (Go's exit).
     * The thread sleeps until the process ends. */
    for (;;)
        pause();
}

static void worker_thread_init(gort__worker *w) {
    gort__worker_tls = w;
    w->rand = (uint64_t)(w->id + 1) * 0x9E3779B97F4A7C15ULL;
    pthread_attr_t a;
    void *lo = NULL;
    size_t size = 0;
    if (pthread_getattr_np(pthread_self(), &a) == 0) {
        pthread_attr_getstack(&a, &lo, &size);
        pthread_attr_destroy(&a);
    }
    w->sched_stack_lo = lo;
    w->sched_stack_size = size;
#if defined(__SANITIZE_THREAD__)
    w->tsan_fiber = __tsan_get_current_fiber();
#endif
    gort__stack_thread_init();
    gort__idle_worker_init(w);
}

static void *worker_main(void *p) {
    gort__worker *w = p;
    worker_thread_init(w);
    worker_loop(w);
    return NULL;
}

int gort__backend_main(int (*main_fn)(int, char **), int argc, char **argv) {
    const char *why = gort__ctx_unavailable();
    if (why)
        gort__unavailable(why);
    int n = gort__cfg.procs ? gort__cfg.procs : gort__online_cpus();
    gort__nworkers = n;
    gort__solo = n == 1; /* before any worker starts: see lock.c */
    gort__fence_setup(n);
    /* the solo stores rely on the sleeper's membarrier too (fence.c) */
    awake_counted = gort__fence_asym && gort__solo_setup(n);
#ifdef GORT_SOLO_RSEQ
    atomic_store(&gort__awake, awake_counted ? n : 0); /* every worker starts out running */
#endif
    gort__workers = aligned_alloc(64, sizeof(gort__worker) * (size_t)n);
    if (!gort__workers)
        gort__fatal("out of memory allocating workers");
    memset(gort__workers, 0, sizeof(gort__worker) * (size_t)n);
    for (int i = 0; i < n; i++) {
        gort__workers[i].id = i;
        gort__workers[i].awake_in = true; /* as gort__awake says */
        gort__workers[i].spin_ns = SPIN_NS;
        gort__workers[i].spawns_seen = calloc(2 * (size_t)n, sizeof(uint32_t));
        if (!gort__workers[i].spawns_seen)
            gort__fatal("out of memory allocating workers");
        gort__workers[i].heads_seen = gort__workers[i].spawns_seen + n;
    }
    if ((why = gort__idle_setup(n)) != NULL)
        gort__unavailable(why);
    gort__stack_signals_init();

    /* main runs as a goroutine with a large stack; this thread waits. */
    main_call = (main_args){main_fn, argc, argv};
    gort_g *g = gort__g_alloc_main();
    g->is_main = true;
    g->id = 1;
    g->arg = &main_call;
    atomic_store_explicit(&g->state, G_RUNNING, memory_order_relaxed);
    gort__ctx_make(&g->ctx, g->stack_lo, g->stack_size, g_entry);
#if defined(__SANITIZE_THREAD__)
    g->tsan_fiber = __tsan_create_fiber(0);
#endif
    atomic_store(&gort__units, n); /* every worker starts out running */
    global_put(g);

    pthread_attr_t attr;
    pthread_attr_init(&attr);
    pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
    pthread_attr_setstacksize(&attr, 1u << 20);
    for (int i = 0; i < n; i++)
        if (pthread_create(&gort__workers[i].thread, &attr, worker_main, &gort__workers[i]) != 0)
            gort__die("cannot start worker thread %d of %d", i + 1, n);
    pthread_attr_destroy(&attr);

    /* The thread that called gort_main only waits here: not a goroutine or
     * worker park, so not in the GORT_STATS futex counts. */
    while (atomic_load_explicit(&main_done, memory_order_acquire) == 0)
        syscall(SYS_futex, &main_done, FUTEX_WAIT_PRIVATE, 0, NULL, NULL, 0);
    return main_result;
}
