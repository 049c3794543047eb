/*
 * timerheap.h -- a binary min-heap of timers by deadline, for backends that
 * fire timers themselves (pthread's timer thread, the M:N scheduler).  Not
 * locked: the user holds its own lock around every call.  t->slot is the
 * timer's index in the heap while it is pending.
 */
#ifndef GORT_TIMERHEAP_H
#define GORT_TIMERHEAP_H

#include "backend.h"
#include <stddef.h>

typedef struct gort__timerheap {
    gort__timer **a;
    size_t n, cap;
} gort__timerheap;

void gort__theap_push(gort__timerheap *h, gort__timer *t);
void gort__theap_remove(gort__timerheap *h, gort__timer *t);
static inline gort__timer *gort__theap_min(gort__timerheap *h) { return h->n ? h->a[0] : NULL; }

#endif
