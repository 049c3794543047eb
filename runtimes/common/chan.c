/*
 * chan.c -- channels: make, send, receive, close, len, cap.
 *
 * Shaped like Go's runtime/chan.go: a locked ring buffer plus two FIFO queues
 * of parked waiters (structure and invariants in chan.h).  A sender that
 * finds a parked receiver copies its value straight into the receiver's
 * memory (direct handoff), and a receiver that finds a parked sender on a
 * full buffer takes the head and refills the tail from that sender, so FIFO
 * order holds and nobody wakes only to retry.  Parked goroutines are readied
 * after the channel is unlocked, so a woken goroutine never spins on the
 * lock its waker still holds.
 */
#include "chan.h"

#include <stdlib.h>
#include <string.h>

static inline void *slot(gort_chan *c, size_t i) { return c->buf + i * c->elem_size; }

static inline void copy_elem(gort_chan *c, void *dst, const void *src) {
    if (!dst || !c->elem_size)
        return;
    if (!src) {
        memset(dst, 0, c->elem_size);
    } else if (c->elem_size == sizeof(uint64_t)) { /* the common case, inline */
        uint64_t v;
        memcpy(&v, src, sizeof v);
        memcpy(dst, &v, sizeof v);
    } else if (c->elem_size == sizeof(uint32_t)) {
        uint32_t v;
        memcpy(&v, src, sizeof v);
        memcpy(dst, &v, sizeof v);
    } else {
        memcpy(dst, src, c->elem_size);
    }
}

static inline void zero_elem(gort_chan *c, void *dst) {
    if (dst && c->elem_size)
        memset(dst, 0, c->elem_size);
}

gort_chan *gort_chan_make(size_t elem_size, size_t cap) {
    if (elem_size > (1u << 16))
        gort_panic("makechan: invalid channel element type"); /* Go's limit: 64 KiB */
    if (cap && elem_size && cap > (SIZE_MAX - sizeof(gort_chan)) / elem_size)
        gort_panic("makechan: size out of range");
    gort_chan *c = calloc(1, sizeof(gort_chan) + cap * elem_size);
    if (!c)
        gort_panic("makechan: size out of range");
    c->cap = cap;
    c->elem_size = elem_size;
    return c;
}

void gort_chan_free(gort_chan *c) {
    if (!c)
        return;
    if (c->timer) {
        gort__timer_disarm(c->timer);
        free(c->timer);
    }
    free(c);
}

void gort__chan_set_timer(gort_chan *c, gort__timer *t) { c->timer = t; }

/* ---- send ----------------------------------------------------------------
 * chan_send is the whole fast path (inlined into gort_send, the select of
 * one case and the timer's try-send): one lock, one locked step, one unlock.
 * Blocking and the closed-channel panic live in chan_send_slow. */

static GORT_INLINE int send_locked(gort_chan *c, const void *elem, gort__waiter **wake) {
    *wake = NULL;
    if (atomic_load_explicit(&c->closed, memory_order_relaxed))
        return GORT__CLOSED;
    gort__waiter *w = gort__waitq_pop(&c->recvq);
    if (w) { /* a receiver is parked: hand the value over directly */
        copy_elem(c, w->elem, elem);
        w->success = true;
        *wake = w;
        return GORT__DONE;
    }
    size_t n = atomic_load_explicit(&c->count, memory_order_relaxed);
    if (n < c->cap) {
        copy_elem(c, slot(c, c->sendx), elem);
        if (++c->sendx == c->cap)
            c->sendx = 0;
        atomic_store_explicit(&c->count, n + 1, memory_order_relaxed);
        return GORT__DONE;
    }
    return GORT__NOT_READY;
}

int gort__chan_send_locked(gort_chan *c, const void *elem, gort__waiter **wake) {
    return send_locked(c, elem, wake);
}

/* Block on q, c's sendq or recvq (c locked), until a partner or close
 * completes the operation: true if a value passed, false if c was closed.
 * The one place both directions park, so that a goroutine resumed after a
 * switch returns through the same frames its partner parked through (the
 * return predictor's stack survives the switch). */
static GORT_NOINLINE bool chan_park(gort_chan *c, gort__waitq *q, void *elem) {
    /* Only the fields a channel's waker reads: elem, sel and g (set by the
     * park; success the waker writes, the links the push sets).  Zeroing
     * all of `me` cost 8 of a ping-pong round trip's 469 instructions. */
    gort__waiter me;
    me.elem = elem;
    me.sel = NULL;
    gort__waitq_push(q, &me);
    gort__park_unlock(&c->lock, &me.g);
    return me.success; /* the waker finished with `me` before it readied us */
}

static GORT_NOINLINE _Noreturn void send_closed(gort_chan *c) {
    gort__lock_release(&c->lock);
    gort_panic("send on closed channel");
}

/* c locked; r is send_locked's verdict, not GORT__DONE. */
static GORT_INLINE bool chan_send_slow(gort_chan *c, const void *elem, bool block, int r) {
    if (r == GORT__CLOSED)
        send_closed(c);
    if (!block) {
        gort__lock_release(&c->lock);
        return false;
    }
    if (!chan_park(c, &c->sendq, (void *)elem))
        gort_panic("send on closed channel");
    return true;
}

static GORT_INLINE bool chan_send(gort_chan *c, const void *elem, bool block) {
    if (GORT_UNLIKELY(!c)) {
        if (!block)
            return false;
        gort__block_forever();
    }
    if (!block && gort__chan_op_fails(c, true))
        return false;
    gort__waiter *wake;
    gort__lock_acquire(&c->lock);
    int r = send_locked(c, elem, &wake);
    if (GORT_UNLIKELY(r != GORT__DONE))
        return chan_send_slow(c, elem, block, r);
    gort__lock_release(&c->lock);
    if (wake)
        gort__ready(wake->g);
    return true;
}

bool gort__chan_send(gort_chan *c, const void *elem, bool block) { return chan_send(c, elem, block); }

void gort_send(gort_chan *c, const void *elem) { chan_send(c, elem, true); }

bool gort__chan_trysend(gort_chan *c, const void *elem) { return chan_send(c, elem, false); }

/* ---- receive ------------------------------------------------------------- */

static GORT_INLINE int recv_locked(gort_chan *c, void *out, bool *ok, gort__waiter **wake) {
    *wake = NULL;
    gort__waiter *w = gort__waitq_pop(&c->sendq);
    if (w) {
        if (c->cap == 0) {
            copy_elem(c, out, w->elem);
        } else {
            /* Full buffer with a parked sender: take the head, and the
             * sender's value becomes the new tail (the same slot). */
            copy_elem(c, out, slot(c, c->recvx));
            copy_elem(c, slot(c, c->recvx), w->elem);
            if (++c->recvx == c->cap)
                c->recvx = 0;
            c->sendx = c->recvx;
        }
        w->success = true;
        *wake = w;
        *ok = true;
        return GORT__DONE;
    }
    size_t n = atomic_load_explicit(&c->count, memory_order_relaxed);
    if (n > 0) {
        copy_elem(c, out, slot(c, c->recvx));
        if (++c->recvx == c->cap)
            c->recvx = 0;
        atomic_store_explicit(&c->count, n - 1, memory_order_relaxed);
        *ok = true;
        return GORT__DONE;
    }
    if (atomic_load_explicit(&c->closed, memory_order_relaxed)) {
        zero_elem(c, out);
        *ok = false;
        return GORT__DONE;
    }
    return GORT__NOT_READY;
}

int gort__chan_recv_locked(gort_chan *c, void *out, bool *ok, gort__waiter **wake) {
    return recv_locked(c, out, ok, wake);
}

/* Here, not in select.c, so that the operation inlines into it: the calls
 * through the *_locked functions were an eighth of SelectUncontended's
 * select at one worker (callgrind). */
int gort__chan_try_case(gort_case *k) {
    gort_chan *c = k->ch;
    gort__waiter *wake;
    gort__lock_acquire(&c->lock);
    int r = k->op == GORT_SEND ? send_locked(c, k->elem, &wake)
                               : recv_locked(c, k->elem, &k->ok, &wake);
    gort__lock_release(&c->lock);
    if (wake)
        gort__ready(wake->g);
    return r;
}

/* c locked and nothing to receive. */
static GORT_INLINE bool chan_recv_slow(gort_chan *c, void *out, bool block, bool *ok) {
    if (!block) {
        gort__lock_release(&c->lock);
        return false;
    }
    *ok = chan_park(c, &c->recvq, out); /* false: woken by close, which zeroed *out */
    return true;
}

/* A non-blocking receive found the channel empty and closed: the receive of
 * a closed channel, once the close (and every write before it) is seen. */
static GORT_NOINLINE bool chan_recv_closed(gort_chan *c, void *out, bool *ok) {
    gort__lock_acquire(&c->lock);
    gort__lock_release(&c->lock);
    zero_elem(c, out);
    *ok = false;
    return true;
}

static GORT_INLINE bool chan_recv(gort_chan *c, void *out, bool block, bool *ok) {
    if (GORT_UNLIKELY(!c)) {
        if (!block)
            return false;
        gort__block_forever();
    }
    /* As in Go, closed is checked after emptiness, and emptiness again
     * after closed, so a value sent just before the close is not missed. */
    if (!block && gort__chan_empty(c)) {
        if (!atomic_load_explicit(&c->closed, memory_order_acquire))
            return false;
        if (gort__chan_empty(c))
            return chan_recv_closed(c, out, ok);
    }
    gort__waiter *wake;
    gort__lock_acquire(&c->lock);
    if (GORT_UNLIKELY(recv_locked(c, out, ok, &wake) != GORT__DONE))
        return chan_recv_slow(c, out, block, ok);
    gort__lock_release(&c->lock);
    if (wake)
        gort__ready(wake->g);
    return true;
}

bool gort__chan_recv(gort_chan *c, void *out, bool block, bool *ok) {
    return chan_recv(c, out, block, ok);
}

bool gort_recv(gort_chan *c, void *out) {
    bool ok = false;
    chan_recv(c, out, true, &ok);
    return ok;
}

/* ---- close, len, cap ----------------------------------------------------- */

void gort_close(gort_chan *c) {
    if (!c)
        gort_panic("close of nil channel");
    gort__lock_acquire(&c->lock);
    if (atomic_load_explicit(&c->closed, memory_order_relaxed)) {
        gort__lock_release(&c->lock);
        gort_panic("close of closed channel");
    }
    atomic_store_explicit(&c->closed, true, memory_order_release);

    /* Take every waiter under the lock, wake them after it (chained on
     * `next`, which is ours once they are out of the queue). */
    gort__waiter *list = NULL, *w;
    while ((w = gort__waitq_pop(&c->recvq)) != NULL) {
        zero_elem(c, w->elem);
        w->success = false;
        w->next = list;
        list = w;
    }
    while ((w = gort__waitq_pop(&c->sendq)) != NULL) {
        w->success = false; /* the sender panics when it runs */
        w->next = list;
        list = w;
    }
    gort__lock_release(&c->lock);
    while (list) {
        w = list;
        list = w->next; /* read before the ready: w lives on its stack */
        gort__ready(w->g);
    }
}

size_t gort_chan_len(gort_chan *c) {
    return c ? atomic_load_explicit(&c->count, memory_order_relaxed) : 0;
}

size_t gort_chan_cap(gort_chan *c) { return c ? c->cap : 0; }
