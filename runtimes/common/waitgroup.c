/*
 * waitgroup.c -- sync.WaitGroup.
 *
 * Invariant (under lock): waiters is non-empty only while count > 0; the
 * Add that brings count to zero takes every waiter and readies them after
 * unlocking.  Everything before a Done happens before the Wait that it
 * releases returns: both sides pass through lock, and the ready/park pair.
 */
#include "runtime.h"

#include <stdlib.h>

struct gort_waitgroup {
    gort__lock lock;
    int64_t count;
    gort__waitq waiters;
};

gort_waitgroup *gort_wg_make(void) {
    gort_waitgroup *wg = calloc(1, sizeof *wg);
    if (!wg)
        gort__fatal("out of memory in gort_wg_make");
    return wg;
}

void gort_wg_free(gort_waitgroup *wg) { free(wg); }

void gort_wg_add(gort_waitgroup *wg, int64_t delta) {
    gort__lock_acquire(&wg->lock);
    wg->count += delta;
    if (wg->count < 0) {
        gort__lock_release(&wg->lock);
        gort_panic("sync: negative WaitGroup counter");
    }
    gort__waiter *list = NULL;
    if (wg->count == 0) {
        gort__waiter *w;
        while ((w = gort__waitq_pop(&wg->waiters)) != NULL) {
            w->next = list;
            list = w;
        }
    }
    gort__lock_release(&wg->lock);
    while (list) {
        gort__waiter *w = list;
        list = w->next;
        gort__ready(w->g);
    }
}

void gort_wg_done(gort_waitgroup *wg) { gort_wg_add(wg, -1); }

void gort_wg_wait(gort_waitgroup *wg) {
    gort__lock_acquire(&wg->lock);
    if (wg->count == 0) {
        gort__lock_release(&wg->lock);
        return;
    }
    gort__waiter me = {0};
    gort__waitq_push(&wg->waiters, &me);
    gort__park_unlock(&wg->lock, &me.g); /* the Add that wakes us finds us parked */
}
