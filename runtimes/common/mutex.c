/*
 * mutex.c -- sync.Mutex, with Go's two modes.
 *
 * Normal mode: unlock releases the lock and wakes the longest waiter, which
 * then competes with newly arriving goroutines (and usually loses to them:
 * they are already running).  A waiter that loses goes back to the front.
 * Starvation mode: once the head waiter has waited over 1 ms, unlock hands
 * the lock straight to it and newcomers queue behind; the mode ends when a
 * handed-off waiter waited under 1 ms or was the last one.  So an unlocking
 * goroutine can never keep the lock forever, even on one worker.
 *
 * Invariants (under lock): handoff happens only in starvation mode, and a
 * handed-off waiter owns the lock (locked stays true) from the moment it is
 * dequeued.
 */
#include "runtime.h"

#include <stdlib.h>

#define STARVATION_NS 1000000

struct gort_mutex {
    gort__lock lock;
    bool locked;
    bool starving;
    gort__waitq waiters;
};

gort_mutex *gort_mutex_make(void) {
    gort_mutex *mu = calloc(1, sizeof *mu);
    if (!mu)
        gort__fatal("out of memory in gort_mutex_make");
    return mu;
}

void gort_mutex_free(gort_mutex *mu) { free(mu); }

/* mu->lock held: take mu if it is free and not owed to a waiter
 * (starvation mode).  If taken, mu->lock is released. */
static inline bool mutex_take(gort_mutex *mu) {
    if (mu->locked || mu->starving)
        return false;
    mu->locked = true;
    gort__lock_release(&mu->lock);
    return true;
}

/* mu->lock held and mu taken: queue, park, retry (Go's lockSlow).  Out of
 * line so that the fast path saves no registers for it. */
static GORT_NOINLINE void mutex_lock_slow(gort_mutex *mu) {
    gort__waiter me = {.since = gort_nanotime()};
    gort__waitq_push(&mu->waiters, &me);
    for (;;) {
        gort__park_unlock(&mu->lock, &me.g); /* the unlock that wakes us finds us parked */
        if (me.handoff)
            return; /* the unlocker made us the owner */
        gort__lock_acquire(&mu->lock);
        if (mutex_take(mu))
            return;
        if (gort_nanotime() - me.since > STARVATION_NS)
            mu->starving = true;
        gort__waitq_push_front(&mu->waiters, &me);
    }
}

void gort_mutex_lock(gort_mutex *mu) {
    gort__lock_acquire(&mu->lock);
    if (GORT_LIKELY(mutex_take(mu)))
        return;
    mutex_lock_slow(mu);
}

/* mu->lock held; w, dequeued, is woken: the lock is handed to it in
 * starvation mode, else only released for it to compete for. */
static GORT_NOINLINE void mutex_unlock_wake(gort_mutex *mu, gort__waiter *w) {
    int64_t waited = gort_nanotime() - w->since;
    if (mu->starving || waited > STARVATION_NS) {
        w->handoff = true; /* locked stays true: ownership passes to w */
        mu->starving = waited > STARVATION_NS && mu->waiters.first != NULL;
    } else {
        mu->locked = false;
    }
    gort__lock_release(&mu->lock);
    gort__ready(w->g);
}

void gort_mutex_unlock(gort_mutex *mu) {
    gort__lock_acquire(&mu->lock);
    if (!mu->locked) {
        gort__lock_release(&mu->lock);
        gort__fatal("sync: unlock of unlocked mutex");
    }
    gort__waiter *w = gort__waitq_pop(&mu->waiters);
    if (GORT_LIKELY(!w)) {
        mu->locked = false;
        mu->starving = false;
        gort__lock_release(&mu->lock);
        return;
    }
    mutex_unlock_wake(mu, w);
}
