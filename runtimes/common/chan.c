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

/* Lock-free views for the non-blocking fast paths (Go's full and empty):
 * an unbuffered channel is full without a parked receiver, empty without a
 * parked sender. */
static inline bool chan_full(gort_chan *c) {
    if (c->cap == 0)
        return __atomic_load_n(&c->recvq.first, __ATOMIC_RELAXED) == NULL;
    return atomic_load_explicit(&c->count, memory_order_relaxed) == c->cap;
}

static inline bool chan_empty(gort_chan *c) {
    if (c->cap == 0)
        return __atomic_load_n(&c->sendq.first, __ATOMIC_ACQUIRE) == NULL;
    return atomic_load_explicit(&c->count, memory_order_acquire) == 0;
}

/* ---- send ---------------------------------------------------------------- */

int gort__chan_send_locked(gort_chan *c, const void *elem, gort__waiter **wake) {
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

bool gort__chan_send(gort_chan *c, const void *elem, bool block) {
    if (!c) {
        if (!block)
            return false;
        gort__block_forever();
    }
    /* Fast path: a non-blocking send that cannot proceed fails without the
     * lock.  closed is read after fullness, as in Go: if the channel was
     * full and open at some instant in between, failing is correct. */
    if (!block && chan_full(c) && !atomic_load_explicit(&c->closed, memory_order_relaxed))
        return false;

    gort__waiter *wake;
    gort__lock_acquire(&c->lock);
    int r = gort__chan_send_locked(c, elem, &wake);
    if (r == GORT__DONE) {
        gort__lock_release(&c->lock);
        if (wake)
            gort__ready(wake->g);
        return true;
    }
    if (r == GORT__CLOSED) {
        gort__lock_release(&c->lock);
        gort_panic("send on closed channel");
    }
    if (!block) {
        gort__lock_release(&c->lock);
        return false;
    }
    gort__waiter me = {.g = gort__current(), .ch = c, .elem = (void *)elem};
    gort__waitq_push(&c->sendq, &me);
    gort__park_unlock(&c->lock);
    /* The waker finished with `me` before it readied us. */
    if (!me.success)
        gort_panic("send on closed channel");
    return true;
}

void gort_send(gort_chan *c, const void *elem) { gort__chan_send(c, elem, true); }

bool gort__chan_trysend(gort_chan *c, const void *elem) { return gort__chan_send(c, elem, false); }

/* ---- receive ------------------------------------------------------------- */

int gort__chan_recv_locked(gort_chan *c, void *out, bool *ok, gort__waiter **wake) {
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

bool gort__chan_recv(gort_chan *c, void *out, bool block, bool *ok) {
    if (!c) {
        if (!block)
            return false;
        gort__block_forever();
    }
    /* Fast path: a non-blocking receive with nothing to take.  As in Go,
     * closed is checked after emptiness, and emptiness again after closed,
     * so a value sent just before the close is not missed. */
    if (!block && chan_empty(c)) {
        if (!atomic_load_explicit(&c->closed, memory_order_acquire))
            return false;
        if (chan_empty(c)) {
            /* Closed and drained: take the lock once so the close (and every
             * write before it) happens before this receive completes. */
            gort__lock_acquire(&c->lock);
            gort__lock_release(&c->lock);
            zero_elem(c, out);
            *ok = false;
            return true;
        }
    }

    gort__waiter *wake;
    gort__lock_acquire(&c->lock);
    if (gort__chan_recv_locked(c, out, ok, &wake) == GORT__DONE) {
        gort__lock_release(&c->lock);
        if (wake)
            gort__ready(wake->g);
        return true;
    }
    if (!block) {
        gort__lock_release(&c->lock);
        return false;
    }
    gort__waiter me = {.g = gort__current(), .ch = c, .elem = out};
    gort__waitq_push(&c->recvq, &me);
    gort__park_unlock(&c->lock);
    *ok = me.success; /* false: woken by close, which zeroed *out */
    return true;
}

bool gort_recv(gort_chan *c, void *out) {
    bool ok = false;
    gort__chan_recv(c, out, true, &ok);
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
