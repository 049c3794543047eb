/*
 * waitq.c -- FIFO queues of parked waiters.
 *
 * Invariant: a waiter is in at most one queue, and every queue operation is
 * made under the lock of the object that owns the queue.  A select's waiters
 * sit in several queues at once (one per case); the first channel that wins
 * the CAS on their shared `done` flag completes the select, and any other
 * channel that pops one of the losers just drops it (the select goroutine
 * removes the rest itself, under each channel's lock, once it runs again).
 */
#include "runtime.h"

void gort__waitq_push_front(gort__waitq *q, gort__waiter *w) {
    w->prev = NULL;
    w->next = q->first;
    if (q->first)
        q->first->prev = w;
    else
        q->last = w;
    gort__waitq_set_first(q, w);
    w->queued = true;
}

/* w must be in q. */
void gort__waitq_remove(gort__waitq *q, gort__waiter *w) {
    if (w->prev)
        w->prev->next = w->next;
    else
        gort__waitq_set_first(q, w->next);
    if (w->next)
        w->next->prev = w->prev;
    else
        q->last = w->prev;
    w->next = w->prev = NULL;
    w->queued = false;
}

gort__waiter *gort__waitq_take(gort__waitq *q) {
    gort__waiter *w;
    while ((w = q->first) != NULL) {
        gort__waitq_remove(q, w);
        if (w->sel) {
            int zero = 0;
            if (!atomic_compare_exchange_strong_explicit(&w->sel->done, &zero, 1,
                                                         memory_order_acq_rel,
                                                         memory_order_relaxed))
                continue; /* that select already won elsewhere */
            w->sel->winner = w;
        }
        return w;
    }
    return NULL;
}
