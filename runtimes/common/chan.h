/*
 * chan.h -- the channel structure, shared by chan.c and select.c.
 *
 * Invariants (all under `lock`):
 *   - at least one of sendq and recvq is empty, except while the only
 *     waiters left on one of them are selects that already won elsewhere;
 *   - buffered (cap > 0): count > 0 implies recvq has no live waiter;
 *     count < cap implies sendq has no live waiter;
 *   - unbuffered: count == 0; a sender meets a receiver directly;
 *   - once closed, sendq and recvq are empty and stay so: close takes every
 *     waiter, and nothing enqueues on a closed channel.
 * `count`, `closed` and the queues' heads are also read without the lock,
 * for len() and for the non-blocking fast paths, so they are written
 * atomically under the lock.  A goroutine that blocks parks with the lock
 * held; the backend releases it once the goroutine is off its stack
 * (gort__park_unlock), before anything else runs on that worker.
 *
 * Lock order: channel locks are taken in address order (select), never
 * while holding any other runtime lock; the timer lock may be held while a
 * channel lock is taken (a firing gort_after timer), never the reverse.
 */
#ifndef GORT_CHAN_H
#define GORT_CHAN_H

#include "runtime.h"

struct gort_chan {
    gort__lock lock;
    _Atomic size_t count; /* values in the buffer */
    _Atomic bool closed;
    size_t cap;       /* buffer slots; 0 = unbuffered */
    size_t elem_size;
    size_t sendx;     /* next slot to fill */
    size_t recvx;     /* next slot to drain */
    gort__waitq recvq;
    gort__waitq sendq;
    gort__timer *timer; /* gort_after: the timer that will send on it */
    char buf[];         /* cap * elem_size bytes */
};

/* Lock-free views for the non-blocking fast paths (Go's full and empty):
 * an unbuffered channel is full without a parked receiver, empty without a
 * parked sender. */
static inline bool gort__chan_full(gort_chan *c) {
    if (c->cap == 0)
        return __atomic_load_n(&c->recvq.first, __ATOMIC_RELAXED) == NULL;
    return atomic_load_explicit(&c->count, memory_order_relaxed) == c->cap;
}

static inline bool gort__chan_empty(gort_chan *c) {
    if (c->cap == 0)
        return __atomic_load_n(&c->sendq.first, __ATOMIC_ACQUIRE) == NULL;
    return atomic_load_explicit(&c->count, memory_order_acquire) == 0;
}

/* A non-blocking send on c would fail, decided without the lock.  closed is
 * read after fullness, as in Go: if c was full and open at some instant in
 * between, failing is correct. */
static inline bool gort__chan_send_fails(gort_chan *c) {
    return gort__chan_full(c) && !atomic_load_explicit(&c->closed, memory_order_relaxed);
}

/* A non-blocking receive on c would fail: empty, then open. */
static inline bool gort__chan_recv_fails(gort_chan *c) {
    return gort__chan_empty(c) && !atomic_load_explicit(&c->closed, memory_order_acquire);
}

/* Outcome of one channel operation attempted under the channel's lock. */
enum { GORT__NOT_READY, GORT__DONE, GORT__CLOSED };

/* c locked.  On GORT__DONE *wake is a waiter to ready once c is unlocked (or
 * NULL).  Send never returns GORT__CLOSED for a receive-only reason: a send
 * on a closed channel is reported as GORT__CLOSED and the caller panics. */
int gort__chan_send_locked(gort_chan *c, const void *elem, gort__waiter **wake);
int gort__chan_recv_locked(gort_chan *c, void *out, bool *ok, gort__waiter **wake);

/* The whole operation, blocking or not; false: not done (never when block). */
bool gort__chan_send(gort_chan *c, const void *elem, bool block);
bool gort__chan_recv(gort_chan *c, void *out, bool block, bool *ok);

#endif
