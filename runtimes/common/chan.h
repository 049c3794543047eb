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

#include <stddef.h>

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

/* Lock-free views for the non-blocking fast paths (Go's full and empty).
 * One test serves both kinds of channel, with no branch on the kind: an
 * unbuffered channel has count == cap == 0, so it is full without a parked
 * receiver and empty without a parked sender; a buffered channel that is
 * full (empty) has no live waiter on recvq (sendq), so a waiter seen there
 * only sends the caller to the locked path, which is right in every case. */
static inline bool gort__chan_empty(gort_chan *c) {
    size_t n = atomic_load_explicit(&c->count, memory_order_acquire);
    uintptr_t s = (uintptr_t)__atomic_load_n(&c->sendq.first, __ATOMIC_ACQUIRE);
    return (n | s) == 0;
}

/* A non-blocking case with op GORT_SEND or GORT_RECV would fail on c,
 * decided without the lock: full (empty), then open.  closed is read after
 * the other fields, as in Go: if c was full (empty) and open at an instant
 * in between, failing is correct; the reverse order could see a channel
 * that was closed and then drained as open and empty.  Branch-free, so that
 * a select of one case that fails costs a few loads: the queue a partner
 * waits on is found from op itself (sendq follows recvq, and the ops are 1
 * and 2, so one scaled load), and "full" for a send is count == cap,
 * "empty" for a receive count == 0 (op - GORT_RECV masks cap). */
static inline bool gort__chan_case_fails(gort_chan *c, unsigned op) {
    _Static_assert(offsetof(gort_chan, sendq) == offsetof(gort_chan, recvq) + sizeof(gort__waitq),
                   "sendq must follow recvq");
    _Static_assert(GORT_RECV == GORT_SEND + 1, "ops index the queues");
    const gort__waitq *q =
        (const gort__waitq *)((const char *)&c->recvq + (op - GORT_SEND) * sizeof(gort__waitq));
    size_t n = atomic_load_explicit(&c->count, memory_order_acquire);
    uintptr_t w = (uintptr_t)__atomic_load_n(&q->first, __ATOMIC_ACQUIRE);
    size_t full_or_empty = n ^ (c->cap & ((size_t)op - GORT_RECV));
    /* As a byte, which the compiler then widens once, not twice. */
    unsigned char closed = __atomic_load_n((const unsigned char *)&c->closed, __ATOMIC_ACQUIRE);
    return (full_or_empty | w | closed) == 0;
}

static inline bool gort__chan_op_fails(gort_chan *c, bool send) {
    return gort__chan_case_fails(c, send ? GORT_SEND : GORT_RECV);
}

/* Outcome of one channel operation attempted under the channel's lock. */
enum { GORT__NOT_READY, GORT__DONE, GORT__CLOSED };

/* c locked.  On GORT__DONE *wake is a waiter to ready once c is unlocked (or
 * NULL).  Send never returns GORT__CLOSED for a receive-only reason: a send
 * on a closed channel is reported as GORT__CLOSED and the caller panics. */
int gort__chan_send_locked(gort_chan *c, const void *elem, gort__waiter **wake);
int gort__chan_recv_locked(gort_chan *c, void *out, bool *ok, gort__waiter **wake);
/* Select's pass 1 for one case: its operation under its own channel's lock
 * alone, and the wake-up it owes; GORT__NOT_READY or GORT__CLOSED as above. */
int gort__chan_try_case(gort_case *k);

/* The whole operation, blocking or not; false: not done (never when block). */
bool gort__chan_send(gort_chan *c, const void *elem, bool block);
bool gort__chan_recv(gort_chan *c, void *out, bool block, bool *ok);

#endif
