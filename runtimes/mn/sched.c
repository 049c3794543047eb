/*
 * sched.c -- the M:N scheduler: workers, run queues, park and ready.
 *
 * The structure of Go's proc.go, much reduced.  A worker runs a scheduler
 * loop on its thread's own stack; a goroutine gives the worker back by
 * switching to that loop (park, yield, exit), and the loop finishes the
 * goroutine's transition on the goroutine's behalf (see sched.h).
 *
 * Finding work, in order: due timers, every 61st tick the global queue
 * (so it cannot starve), runnext, the local queue, the global queue, then
 * stealing half of another worker's queue.  A worker that finds nothing
 * "spins" (keeps looking) for a while, then parks.
 *
 * No lost wake-ups.  Invariant: whenever a goroutine is runnable, some worker
 * is running, spinning, or will re-check the queues before it sleeps.  It is
 * kept Go's way (proc.go's "delicate dance"):
 *   - a worker going idle first sets w->idle and counts itself in nidle,
 *     then stops spinning, then re-checks every queue (seq_cst throughout);
 *   - whoever makes a goroutine runnable publishes it in a queue, then calls
 *     gort__wakep, which wakes an idle worker unless one is spinning;
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

enum { AFTER_NONE, AFTER_PARK, AFTER_YIELD, AFTER_EXIT };

gort__worker *gort__workers;
int gort__nworkers;
_Atomic int gort__exiting;

static _Atomic int nidle;     /* workers with idle set */
static _Atomic int nspinning; /* workers looking for work */
static _Atomic uint64_t next_goid = 1;

static struct {
    gort__lock lock;
    gort_g *head, *tail;
    _Atomic size_t n;
} global;

typedef struct main_args {
    int (*fn)(int, char **);
    int argc;
    char **argv;
} main_args;
static main_args main_call;
static _Atomic uint32_t main_done;
static int main_result;

/* ---- the current worker -------------------------------------------------
 * Goroutines migrate between threads, so a thread-local address must never
 * be kept across a switch: every read goes through this out-of-line call. */
static _Thread_local gort__worker *this_worker;

GORT_NOINLINE gort__worker *gort__this_worker(void) {
    __asm__ __volatile__("" ::: "memory");
    return this_worker;
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

/* ---- switching, with the sanitizers' fiber annotations ------------------ */

static void switch_to_g(gort__worker *w, gort_g *g) {
    w->cur = g;
    gort__stat(GORT__STAT_SWITCHES, 1);
#if defined(__SANITIZE_ADDRESS__)
    void *fake = NULL;
    __sanitizer_start_switch_fiber(&fake, g->stack_lo, g->stack_size);
#endif
#if defined(__SANITIZE_THREAD__)
    __tsan_switch_to_fiber(g->tsan_fiber, 0);
#endif
    gort__ctx_switch(&w->sched_ctx, &g->ctx);
#if defined(__SANITIZE_ADDRESS__)
    __sanitizer_finish_switch_fiber(fake, NULL, NULL);
#endif
}

/* On a goroutine stack: give the worker back.  Returns when resumed, maybe
 * on another worker; `w` must not be used after the switch. */
static void switch_to_sched(gort__worker *w, gort_g *g, int after) {
    w->after = after;
    gort__stat(GORT__STAT_SWITCHES, 1);
#if defined(__SANITIZE_ADDRESS__)
    __sanitizer_start_switch_fiber(after == AFTER_EXIT ? NULL : &g->asan_fake_stack,
                                   w->sched_stack_lo, w->sched_stack_size);
#endif
#if defined(__SANITIZE_THREAD__)
    __tsan_switch_to_fiber(w->tsan_fiber, 0);
#endif
    gort__ctx_switch(&g->ctx, &w->sched_ctx);
#if defined(__SANITIZE_ADDRESS__)
    __sanitizer_finish_switch_fiber(g->asan_fake_stack, NULL, NULL);
#endif
}

static void g_entry(void) {
#if defined(__SANITIZE_ADDRESS__)
    __sanitizer_finish_switch_fiber(NULL, NULL, NULL);
#endif
    gort_g *g = gort__current();
    if (g->is_main) {
        main_args *m = g->arg;
        main_result = m->fn(m->argc, m->argv);
        atomic_store(&gort__exiting, 1);
        atomic_store_explicit(&main_done, 1, memory_order_release);
        syscall(SYS_futex, &main_done, FUTEX_WAKE_PRIVATE, 1, NULL, NULL, 0); /* not a park: uncounted */
    } else {
        g->fn(g->arg);
    }
    switch_to_sched(gort__this_worker(), g, AFTER_EXIT);
    __builtin_unreachable();
}

/* ---- run queues ---------------------------------------------------------- */

static void global_put(gort_g *g) {
    g->next = NULL;
    gort__lock_acquire(&global.lock);
    if (global.tail)
        global.tail->next = g;
    else
        global.head = g;
    global.tail = g;
    atomic_fetch_add_explicit(&global.n, 1, memory_order_seq_cst);
    gort__lock_release(&global.lock);
}

static bool runq_put(gort__worker *w, gort_g *g);

/* Take one from the global queue; with w, also move up to a fair share more
 * into w's local queue, so the lock is not taken once per goroutine. */
static gort_g *global_get(gort__worker *w) {
    if (atomic_load_explicit(&global.n, memory_order_seq_cst) == 0)
        return NULL;
    gort__lock_acquire(&global.lock);
    size_t n = atomic_load_explicit(&global.n, memory_order_relaxed);
    size_t take = w ? n / (size_t)gort__nworkers + 1 : 1;
    if (take > n)
        take = n;
    if (take > GORT_RUNQ_SIZE / 2)
        take = GORT_RUNQ_SIZE / 2;
    gort_g *first = global.head, *last = NULL;
    for (size_t i = 0; i < take; i++) {
        last = global.head;
        global.head = last->next;
    }
    if (!global.head)
        global.tail = NULL;
    atomic_fetch_sub_explicit(&global.n, take, memory_order_relaxed);
    gort__lock_release(&global.lock);
    if (!take)
        return NULL;
    last->next = NULL;
    for (gort_g *x = first->next, *next; x; x = next) {
        next = x->next;
        runq_put(w, x);
    }
    return first;
}

/* Local queue full: move half of it and g to the global queue (Go's
 * runqputslow), so a producer cannot overflow its worker. */
static void runq_put_slow(gort__worker *w, gort_g *g, uint32_t h, uint32_t t) {
    uint32_t n = (t - h) / 2;
    gort_g *batch[GORT_RUNQ_SIZE / 2];
    for (uint32_t i = 0; i < n; i++)
        batch[i] = atomic_load_explicit(&w->runq[(h + i) % GORT_RUNQ_SIZE], memory_order_relaxed);
    if (!atomic_compare_exchange_strong_explicit(&w->runq_head, &h, h + n, memory_order_acq_rel,
                                                 memory_order_relaxed)) {
        runq_put(w, g); /* a stealer made room */
        return;
    }
    for (uint32_t i = 0; i < n; i++)
        global_put(batch[i]);
    global_put(g);
}

static bool runq_put(gort__worker *w, gort_g *g) {
    uint32_t h = atomic_load_explicit(&w->runq_head, memory_order_acquire);
    uint32_t t = atomic_load_explicit(&w->runq_tail, memory_order_relaxed);
    if (t - h < GORT_RUNQ_SIZE) {
        atomic_store_explicit(&w->runq[t % GORT_RUNQ_SIZE], g, memory_order_relaxed);
        atomic_store_explicit(&w->runq_tail, t + 1, memory_order_seq_cst);
        return true;
    }
    runq_put_slow(w, g, h, t);
    return true;
}

static gort_g *runq_get(gort__worker *w) {
    uint32_t h = atomic_load_explicit(&w->runq_head, memory_order_acquire);
    for (;;) {
        uint32_t t = atomic_load_explicit(&w->runq_tail, memory_order_acquire);
        if (t == h)
            return NULL;
        gort_g *g = atomic_load_explicit(&w->runq[h % GORT_RUNQ_SIZE], memory_order_relaxed);
        if (atomic_compare_exchange_weak_explicit(&w->runq_head, &h, h + 1, memory_order_acq_rel,
                                                  memory_order_acquire))
            return g;
    }
}

/* Steal half of victim's queue into w's; returns one of them to run. */
static gort_g *runq_steal(gort__worker *w, gort__worker *victim) {
    for (;;) {
        uint32_t h = atomic_load_explicit(&victim->runq_head, memory_order_acquire);
        uint32_t t = atomic_load_explicit(&victim->runq_tail, memory_order_acquire);
        uint32_t n = t - h;
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
        for (uint32_t i = 1; i < n; i++) /* w's own queue is empty: these fit */
            runq_put(w, batch[i]);
        return batch[0];
    }
}

bool gort__work_pending(void) {
    if (atomic_load_explicit(&global.n, memory_order_seq_cst))
        return true;
    for (int i = 0; i < gort__nworkers; i++) {
        gort__worker *v = &gort__workers[i];
        if (atomic_load_explicit(&v->runq_tail, memory_order_seq_cst) !=
            atomic_load_explicit(&v->runq_head, memory_order_seq_cst))
            return true;
    }
    return false;
}

/* ---- waking idle workers -------------------------------------------------- */

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

/* ---- park, ready, yield, spawn --------------------------------------------- */

void gort__park(void) {
    gort__worker *w = gort__this_worker();
    switch_to_sched(w, w->cur, AFTER_PARK);
}

void gort__yield(void) {
    gort__worker *w = gort__this_worker();
    switch_to_sched(w, w->cur, AFTER_YIELD);
}

void gort__ready(gort_g *g) {
    gort__stat(GORT__STAT_WAKEUPS, 1);
    uint32_t s = G_RUNNING;
    if (atomic_compare_exchange_strong_explicit(&g->state, &s, G_TOKEN, memory_order_acq_rel,
                                                memory_order_acquire))
        return; /* it has not parked yet; its park will see the token */
    GORT_ASSERT(s == G_PARKED);
    gort__units_inc(); /* counted before it can run and park again */
    atomic_store_explicit(&g->state, G_RUNNING, memory_order_release);
    gort__worker *w = gort__this_worker();
    if (!w) {
        global_put(g);
        gort__wakep();
        return;
    }
    gort_g *old = w->runnext;
    w->runnext = g;
    if (old) {
        runq_put(w, old);
        gort__wakep();
    }
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
    g->id = atomic_fetch_add_explicit(&next_goid, 1, memory_order_relaxed) + 1;
    atomic_store_explicit(&g->state, G_RUNNING, memory_order_relaxed);
    gort__ctx_make(&g->ctx, g->stack_lo, g->stack_size, g_entry);
#if defined(__SANITIZE_THREAD__)
    g->tsan_fiber = __tsan_create_fiber(0);
#endif
    if (w)
        runq_put(w, g);
    else
        global_put(g);
    gort__wakep();
}

/* ---- the scheduler loop ----------------------------------------------------- */

/* Back on the worker's stack: finish what the goroutine asked for. */
static void after_switch(gort__worker *w, gort_g *g) {
    w->cur = NULL;
    gort__stack_check(g);
    switch (w->after) {
    case AFTER_PARK: {
        uint32_t s = G_RUNNING;
        if (atomic_compare_exchange_strong_explicit(&g->state, &s, G_PARKED, memory_order_acq_rel,
                                                    memory_order_acquire)) {
            gort__stat(GORT__STAT_PARKS, 1);
            gort__units_dec(); /* reports the deadlock when nothing is left */
        } else {                /* the ready came first: run it again */
            atomic_store_explicit(&g->state, G_RUNNING, memory_order_relaxed);
            gort_g *old = w->runnext;
            w->runnext = g;
            if (old)
                runq_put(w, old);
        }
        break;
    }
    case AFTER_YIELD:
        global_put(g); /* Gosched: behind everything else */
        break;
    case AFTER_EXIT:
        if (g->is_main)
            break; /* the program is ending; main keeps its unit */
#if defined(__SANITIZE_THREAD__)
        __tsan_destroy_fiber(g->tsan_fiber);
        atomic_fetch_sub(&tsan_live, 1);
#endif
        gort__g_free(w, g);
        gort__units_dec();
        break;
    }
    w->after = AFTER_NONE;
}

static gort_g *try_steal(gort__worker *w) {
    int n = gort__nworkers;
    for (int attempt = 0; attempt < 4; attempt++) {
        int start = (int)(gort__fastrand() % (uint32_t)n);
        for (int i = 0; i < n; i++) {
            gort__worker *v = &gort__workers[(start + i) % n];
            if (v == w)
                continue;
            gort_g *g = runq_steal(w, v);
            if (g)
                return g;
        }
    }
    return NULL;
}

static gort_g *find_local(gort__worker *w) {
    gort_g *g;
    if (++w->schedtick % 61 == 0 && (g = global_get(NULL)) != NULL)
        return g;
    if ((g = w->runnext) != NULL) {
        w->runnext = NULL;
        return g;
    }
    if ((g = runq_get(w)) != NULL)
        return g;
    return global_get(w);
}

static void go_idle(gort__worker *w) {
    atomic_store_explicit(&w->idle, 1, memory_order_seq_cst);
    atomic_fetch_add_explicit(&nidle, 1, memory_order_seq_cst);
    bool was_spinning = w->spinning;
    if (was_spinning) {
        w->spinning = false;
        atomic_fetch_sub_explicit(&nspinning, 1, memory_order_seq_cst);
    }
    /* The re-check after publishing idleness (see the top of this file). */
    if (gort__work_pending()) {
        int one = 1;
        if (atomic_compare_exchange_strong_explicit(&w->idle, &one, 0, memory_order_seq_cst,
                                                    memory_order_relaxed)) {
            atomic_fetch_sub_explicit(&nidle, 1, memory_order_seq_cst);
            if (was_spinning) {
                w->spinning = true;
                atomic_fetch_add_explicit(&nspinning, 1, memory_order_seq_cst);
            }
            return;
        }
        /* A waker took us already and counted us as spinning. */
    } else {
        gort__stat(GORT__STAT_WORKER_PARKS, 1);
        gort__idle_park(w);
    }
    int one = 1;
    if (atomic_compare_exchange_strong_explicit(&w->idle, &one, 0, memory_order_seq_cst,
                                                memory_order_relaxed)) {
        atomic_fetch_sub_explicit(&nidle, 1, memory_order_seq_cst); /* timeout: on our own */
    } else {
        w->spinning = true; /* woken by gort__wakep, which counted us */
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
        if (w->spinning) {
            for (int spin = 0; spin < 32; spin++) {
                if ((g = try_steal(w)) != NULL || (g = global_get(w)) != NULL)
                    return g;
                gort__idle_poll(w);
                if ((g = find_local(w)) != NULL)
                    return g;
                sched_yield();
            }
        }
        go_idle(w);
    }
}

static void worker_loop(gort__worker *w) {
    for (;;) {
        gort_g *g = find_runnable(w);
        if (!g)
            break;
        stop_spinning(w);
        switch_to_g(w, g);
        after_switch(w, g);
    }
    /* main has returned: the remaining goroutines are abandoned (Go's exit).
     * The thread sleeps until the process ends. */
    for (;;)
        pause();
}

static void worker_thread_init(gort__worker *w) {
    this_worker = w;
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
    gort__workers = aligned_alloc(64, sizeof(gort__worker) * (size_t)n);
    if (!gort__workers)
        gort__fatal("out of memory allocating workers");
    memset(gort__workers, 0, sizeof(gort__worker) * (size_t)n);
    for (int i = 0; i < n; i++)
        gort__workers[i].id = i;
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
    atomic_store(&gort__units, 1);
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
