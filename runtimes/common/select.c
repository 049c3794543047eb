/*
 * select.c -- gort_select, in the passes of Go's runtime/select.go.
 *
 *   pass 0: a random poll order over the cases with a channel (nil channels
 *           are never ready, so they are left out), and a lock order by
 *           channel address, so two selects over the same channels cannot
 *           deadlock and a channel named twice is locked once;
 *   pass 1: in poll order, the first case that looks ready without a lock
 *           is tried under its own channel's lock alone, so an uncontended
 *           select takes one lock, as a send or receive does;
 *   pass 1': nothing looked ready (or lost its race): with every channel
 *           locked, run the first ready case in poll order.  Either way the
 *           case run is the first ready one in a random order: a uniformly
 *           random choice among the ready cases.  Only pass 1' may conclude
 *           that nothing is ready, since only it sees every case at once;
 *   pass 2: nothing ready and block: enqueue one waiter per case, in poll
 *           order, all sharing one gort__select; unlock; park;
 *   pass 3: woken by the one channel that won the CAS on sel.done: lock
 *           every channel again and dequeue the losing waiters.
 */
#include "chan.h"

#include <stdlib.h>
#include <string.h>

#define SMALL 16

typedef struct sel_scratch {
    uint32_t poll[SMALL];
    uint32_t lock[SMALL];
    gort__waiter waiters[SMALL];
} sel_scratch;

/* Insertion sort of case indices by channel address; selects are small. */
static void sort_lockorder(gort_case *k, uint32_t *order, size_t n) {
    for (size_t i = 1; i < n; i++) {
        uint32_t x = order[i];
        size_t j = i;
        while (j > 0 && (uintptr_t)k[order[j - 1]].ch > (uintptr_t)k[x].ch) {
            order[j] = order[j - 1];
            j--;
        }
        order[j] = x;
    }
}

static void lock_all(gort_case *k, const uint32_t *order, size_t n) {
    for (size_t i = 0; i < n; i++)
        if (i == 0 || k[order[i]].ch != k[order[i - 1]].ch)
            gort__lock_acquire(&k[order[i]].ch->lock);
}

static void unlock_all(gort_case *k, const uint32_t *order, size_t n) {
    for (size_t i = n; i-- > 0;)
        if (i == 0 || k[order[i]].ch != k[order[i - 1]].ch)
            gort__lock_release(&k[order[i]].ch->lock);
}

/* Pass 1'.  Returns the chosen case, or -1; *wake as in chan.h. */
static int poll_ready(gort_case *k, const uint32_t *poll, size_t n, gort__waiter **wake,
                      bool *send_closed) {
    for (size_t i = 0; i < n; i++) {
        gort_case *c = &k[poll[i]];
        int r;
        if (c->op == GORT_SEND) {
            r = gort__chan_send_locked(c->ch, c->elem, wake);
            if (r == GORT__CLOSED) {
                *send_closed = true;
                return (int)poll[i];
            }
        } else {
            r = gort__chan_recv_locked(c->ch, c->elem, &c->ok, wake);
        }
        if (r == GORT__DONE)
            return (int)poll[i];
    }
    return -1;
}

static int select_block(gort_case *k, const uint32_t *poll, const uint32_t *lock, size_t n,
                        gort__waiter *ws) {
    gort__select sel = {0};
    gort_g *me = gort__current();
    for (size_t i = 0; i < n; i++) { /* pass 2 */
        uint32_t ci = poll[i];
        gort__waiter *w = &ws[i];
        *w = (gort__waiter){.g = me, .ch = k[ci].ch, .elem = k[ci].elem, .sel = &sel,
                            .case_index = (int)ci};
        gort__waitq_push(k[ci].op == GORT_SEND ? &k[ci].ch->sendq : &k[ci].ch->recvq, w);
    }
    unlock_all(k, lock, n);
    gort__park();

    lock_all(k, lock, n); /* pass 3 */
    gort__waiter *won = sel.winner;
    for (size_t i = 0; i < n; i++) {
        gort__waiter *w = &ws[i];
        if (w != won && w->queued) {
            uint32_t ci = poll[i];
            gort__waitq_remove(k[ci].op == GORT_SEND ? &k[ci].ch->sendq : &k[ci].ch->recvq, w);
        }
    }
    unlock_all(k, lock, n);

    int ci = won->case_index;
    if (k[ci].op == GORT_SEND) {
        if (!won->success)
            gort_panic("send on closed channel");
    } else {
        k[ci].ok = won->success;
    }
    return ci;
}

/* Would this case fail as a non-blocking operation now?  Read without any
 * lock (chan.h); a wrong "no" costs one lock, a wrong "yes" defers to
 * pass 1'. */
static inline bool case_fails_now(const gort_case *c) {
    return gort__chan_case_fails(c->ch, (unsigned)c->op); /* op checked before */
}

/* Pass 1 for one case: run it under its channel's lock alone if it is ready
 * there.  Returns ci, or -1 if it was not ready after all. */
static int try_case(gort_case *k, uint32_t ci) {
    int r = gort__chan_try_case(&k[ci]);
    if (r == GORT__NOT_READY)
        return -1;
    if (r == GORT__CLOSED) /* only a send reports it */
        gort_panic("send on closed channel");
    return (int)ci;
}

/* A select over one channel is a plain send or receive (Go's selectnb*):
 * no random draw and no lock when it cannot proceed. */
static int select_one(gort_case *k, uint32_t i, bool block) {
    gort_case *c = &k[i];
    bool done = c->op == GORT_SEND ? gort__chan_send(c->ch, c->elem, block)
                                   : gort__chan_recv(c->ch, c->elem, block, &c->ok);
    return done ? (int)i : -1;
}

/* Passes 1' to 3 over the m cases of poll (lock: scratch for the lock
 * order; ws: for the waiters; heap: freed before a panic). */
static int select_locked(gort_case *k, const uint32_t *poll, uint32_t *lock, size_t m, bool block,
                         gort__waiter *ws, void *heap) {
    memcpy(lock, poll, m * sizeof *lock); /* built only now: pass 1 usually ends it */
    sort_lockorder(k, lock, m);

    gort__waiter *wake = NULL;
    bool send_closed = false;
    lock_all(k, lock, m);
    int chosen = poll_ready(k, poll, m, &wake, &send_closed);
    if (chosen >= 0 || !block) {
        unlock_all(k, lock, m);
        if (send_closed) {
            free(heap);
            gort_panic("send on closed channel");
        }
        if (wake)
            gort__ready(wake->g);
        return chosen;
    }
    return select_block(k, poll, lock, m, ws);
}

static GORT_NOINLINE int select_many(gort_case *k, size_t n, bool block) {
    sel_scratch small;
    uint32_t *poll = small.poll, *lock = small.lock;
    gort__waiter *ws = small.waiters;
    void *heap = NULL;
    if (n > SMALL) {
        if (n > UINT32_MAX)
            gort_panic("select: too many cases");
        heap = malloc(n * (2 * sizeof(uint32_t) + sizeof(gort__waiter)));
        if (!heap)
            gort__fatal("out of memory in select");
        ws = heap;
        poll = (uint32_t *)(ws + n);
        lock = poll + n;
    }

    /* pass 0: Fisher-Yates insertion of the non-nil cases.  The positions
     * are drawn from one 64-bit random number by multiply-shift, each draw
     * keeping the low half of its product for the next (Lemire's batched
     * draws), and a fresh number is taken once 32 bits are used up, so each
     * draw is as fair as a 32-bit multiply-shift: a select of up to 12
     * cases takes one number where it took a call per case (two calls were
     * 18% of SelectUncontended at one worker). */
    size_t m = 0;
    /* span: the product of the ranges drawn from r, at most 2^32, so that
     * span * (m + 1) cannot overflow (n < 2^32); the first case's range is
     * 1, which needs no number. */
    uint64_t r = 0, span = UINT64_C(1) << 32;
    for (size_t i = 0; i < n; i++) {
        if (!k[i].ch)
            continue;
        if (k[i].op != GORT_SEND && k[i].op != GORT_RECV)
            gort_panic("select: case op is neither GORT_SEND nor GORT_RECV");
        span *= m + 1;
        if (span > UINT64_C(1) << 32) {
            r = gort__fastrand64();
            span = m + 1;
        }
        __extension__ unsigned __int128 draw = (unsigned __int128)r * (m + 1);
        uint32_t j = (uint32_t)(draw >> 64);
        r = (uint64_t)draw;
        poll[m] = poll[j];
        poll[j] = (uint32_t)i;
        m++;
    }
    int chosen = -1;
    if (m == 0) {
        free(heap);
        if (block)
            gort__block_forever();
        return -1;
    }
    if (m == 1) {
        free(heap);
        return select_one(k, poll[0], block);
    }
    for (size_t i = 0; i < m; i++) { /* pass 1 */
        if (case_fails_now(&k[poll[i]]) || (chosen = try_case(k, poll[i])) < 0)
            continue;
        if (heap) /* a select of a few cases (SMALL) ends here with no call */
            free(heap);
        return chosen;
    }
    chosen = select_locked(k, poll, lock, m, block, ws, heap);
    free(heap);
    return chosen;
}

/* select_two's passes 1' to 3, with scratch for two cases. */
static GORT_NOINLINE int select_two_locked(gort_case *k, const uint32_t *poll, bool block) {
    uint32_t lock[2];
    gort__waiter ws[2];
    return select_locked(k, poll, lock, 2, block, ws, NULL);
}

/* Two cases, the commonest select that is not a plain operation: the poll
 * order is one random bit, and pass 1 runs with no set-up; only when
 * neither case proceeds are the scratch arrays of pass 1' made.  With the
 * case's operation inlined under its lock (chan.c's gort__chan_try_case),
 * SelectUncontended's select went from 233 to 151 instructions (callgrind,
 * one worker) and from 24.1 to 19.7 ns, 13.7 to 11.8 ns at two workers
 * (asm, EPYC, medians of 5, two interleaved runs).  Not inlined into
 * gort_select, whose one-case poll above must stay free of register saves. */
static GORT_NOINLINE int select_two(gort_case *k, bool block) {
    uint32_t first = (uint32_t)(gort__fastrand64() >> 63);
    uint32_t poll[2] = {first, first ^ 1};
    for (size_t i = 0; i < 2; i++) { /* pass 1 */
        int chosen;
        if (!case_fails_now(&k[poll[i]]) && (chosen = try_case(k, poll[i])) >= 0)
            return chosen;
    }
    return select_two_locked(k, poll, block);
}

static bool case_valid(const gort_case *c) {
    return c->ch && (unsigned)(c->op - GORT_SEND) <= GORT_RECV - GORT_SEND;
}

int gort_select(gort_case *k, size_t n, bool block) {
    /* The commonest select, before any set-up: one case and a default (Go's
     * selectnbsend/selectnbrecv).  A poll usually fails, and one that
     * proceeds pays a lock anyway, so failing is the straight line, with
     * no taken jump before the return: two compares for the shape (each
     * fuses with its jump; the OR of both cost one more µop), one for a
     * case that can be polled, a few loads and no branch on the kind. */
    if (GORT_LIKELY(n == 1 && !block)) {
        gort_chan *c = k[0].ch;
        unsigned op = (unsigned)k[0].op;
        if (GORT_LIKELY(c != NULL && op - GORT_SEND <= GORT_RECV - GORT_SEND) &&
            GORT_LIKELY(gort__chan_case_fails(c, op)))
            return -1;
    }
    /* The same check again, rather than one shared branch: written that
     * way, the compiler made the failing poll above take a jump. */
    if (n == 1 && case_valid(&k[0]))
        return select_one(k, 0, block);
    if (n == 2 && case_valid(&k[0]) && case_valid(&k[1]))
        return select_two(k, block);
    return select_many(k, n, block);
}
