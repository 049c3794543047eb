/*
 * futex.c -- idle workers sleep on a futex; timers live in one shared heap
 * (ucontext and asm backends).
 *
 * Each worker has a futex word: gort__idle_wake sets it to 1 and wakes the
 * sleeper; gort__idle_park sleeps while it is 0 and clears it on the way
 * out, so a wake that comes before the park is not lost.
 *
 * Timers: a heap under `tlock`, fired by whichever worker looks first
 * (gort__idle_poll runs on every trip through the scheduler loop, and costs
 * one atomic load when nothing is due).  Callbacks run with `tlock` held, so
 * stopping a timer never waits for one in flight.  At most one parked worker
 * sleeps with a timeout, until the earliest deadline (`sleeper`); a new
 * earlier timer wakes it, and a timer armed while no worker is awake to see
 * it wakes an idle one, so timers fire even if every running goroutine
 * spins.
 */
#include "../idle.h"
#include "../../common/timerheap.h"

#include <stdlib.h>

struct gort__idle {
    _Atomic uint32_t word;
};

static gort__lock tlock GORT_OWN_LINE;
static gort__timerheap heap;
static _Atomic int64_t next_when GORT_OWN_LINE = INT64_MAX; /* earliest deadline, read without tlock */
static gort__worker *_Atomic sleeper GORT_OWN_LINE;         /* the worker parked until next_when */

const char *gort__idle_setup(int nworkers) {
    for (int i = 0; i < nworkers; i++) {
        gort__workers[i].idle_state = calloc(1, sizeof(gort__idle));
        if (!gort__workers[i].idle_state)
            return "out of memory";
    }
    return NULL;
}

void gort__idle_worker_init(gort__worker *w) { (void)w; }

static void update_next_when(void) {
    gort__timer *t = gort__theap_min(&heap);
    atomic_store_explicit(&next_when, t ? t->when : INT64_MAX, memory_order_seq_cst);
}

bool gort__idle_due(gort__worker *w) {
    (void)w;
    int64_t when = atomic_load_explicit(&next_when, memory_order_relaxed);
    return GORT_UNLIKELY(when != INT64_MAX) && when <= gort_nanotime();
}

void gort__idle_poll(gort__worker *w) {
    if (!gort__idle_due(w))
        return;
    gort__lock_acquire(&tlock);
    int64_t now = gort_nanotime();
    gort__timer *t;
    while ((t = gort__theap_min(&heap)) != NULL && t->when <= now) {
        gort__theap_remove(&heap, t);
        atomic_store_explicit(&t->state, GORT__TIMER_DONE, memory_order_relaxed);
        gort__timer_fire(t);
    }
    update_next_when();
    gort__lock_release(&tlock);
}

void gort__idle_park(gort__worker *w) {
    gort__idle *s = w->idle_state;
    int64_t timeout = -1;
    gort__worker *none = NULL;
    int64_t when = atomic_load_explicit(&next_when, memory_order_seq_cst);
    bool timed = when != INT64_MAX &&
                 atomic_compare_exchange_strong_explicit(&sleeper, &none, w, memory_order_seq_cst,
                                                         memory_order_relaxed);
    if (timed) {
        when = atomic_load_explicit(&next_when, memory_order_seq_cst); /* after claiming */
        timeout = when == INT64_MAX ? -1 : when - gort_nanotime();
        if (when != INT64_MAX && timeout <= 0)
            timeout = 0;
    }
    if (timeout != 0)
        while (atomic_load_explicit(&s->word, memory_order_acquire) == 0) {
            if (gort__futex_wait(&s->word, 0, timeout) != 0 && timeout >= 0)
                break; /* timed out (or interrupted): go and look */
        }
    atomic_store_explicit(&s->word, 0, memory_order_relaxed);
    if (timed)
        atomic_store_explicit(&sleeper, NULL, memory_order_seq_cst);
    /* Due timers are fired by the next gort__idle_poll, once this worker
     * counts as running again (sched.c's go_idle). */
}

void gort__idle_wake(gort__worker *w) {
    gort__idle *s = w->idle_state;
    if (atomic_exchange_explicit(&s->word, 1, memory_order_release) == 0)
        gort__futex_wake(&s->word, 1);
}

void gort__timer_start(gort__timer *t) {
    gort__lock_acquire(&tlock);
    atomic_store_explicit(&t->state, GORT__TIMER_PENDING, memory_order_relaxed);
    gort__theap_push(&heap, t);
    bool earliest = gort__theap_min(&heap) == t;
    if (earliest)
        update_next_when();
    gort__lock_release(&tlock);
    if (!earliest)
        return;
    gort__worker *s = atomic_load_explicit(&sleeper, memory_order_seq_cst);
    if (s)
        gort__idle_wake(s); /* it sleeps until a later deadline */
    else
        gort__wakep();      /* an idle worker will claim the timer */
}

bool gort__timer_stop(gort__timer *t) {
    gort__lock_acquire(&tlock);
    bool pending = atomic_load_explicit(&t->state, memory_order_relaxed) == GORT__TIMER_PENDING;
    if (pending) {
        gort__theap_remove(&heap, t);
        atomic_store_explicit(&t->state, GORT__TIMER_IDLE, memory_order_relaxed);
        update_next_when();
    }
    gort__lock_release(&tlock);
    return pending;
}
