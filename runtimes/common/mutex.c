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

void gort_mutex_lock(gort_mutex *mu) {
    gort__lock_acquire(&mu->lock);
    if (!mu->locked && !mu->starving) {
        mu->locked = true;
        gort__lock_release(&mu->lock);
        return;
    }
    gort__waiter me = {.g = gort__current(), .since = gort_nanotime()};
    gort__waitq_push(&mu->waiters, &me);
    for (;;) {
        gort__park_unlock(&mu->lock); /* the unlock that wakes us finds us parked */
        if (me.handoff)
            return; /* the unlocker made us the owner */
        gort__lock_acquire(&mu->lock);
        if (!mu->locked && !mu->starving) {
            mu->locked = true;
            gort__lock_release(&mu->lock);
            return;
        }
        if (gort_nanotime() - me.since > STARVATION_NS)
            mu->starving = true;
        gort__waitq_push_front(&mu->waiters, &me);
    }
}

void gort_mutex_unlock(gort_mutex *mu) {
    gort__lock_acquire(&mu->lock);
    if (!mu->locked) {
        gort__lock_release(&mu->lock);
        gort__fatal("sync: unlock of unlocked mutex");
    }
    gort__waiter *w = gort__waitq_pop(&mu->waiters);
    if (!w) {
        mu->locked = false;
        mu->starving = false;
        gort__lock_release(&mu->lock);
        return;
    }
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
