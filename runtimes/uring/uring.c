/*
 * uring.c -- the uring backend's idle workers and timers: everything the
 * uring backend does differently from asm (the scheduler and the switch are
 * the same files).
 *
 * Each worker owns a plain io_uring (no SINGLE_ISSUER/DEFER_TASKRUN: those
 * made cross-core MSG_RING wake-ups ~4x slower here).  Only its own thread
 * touches its submission queue: the scheduler loop, and goroutines running on
 * that worker (arming a timer, waking a worker) -- never two at once.
 *
 *   park      io_uring_submit_and_wait(ring, 1): sleep until any completion.
 *   wake      from a worker: IORING_OP_MSG_RING from the waker's own ring,
 *             posting a WAKE completion on the target's ring; from any other
 *             thread (or if MSG_RING fails): write the target's eventfd,
 *             which has a read kept posted on its ring.
 *   timers    IORING_OP_TIMEOUT (absolute, CLOCK_MONOTONIC) on the ring of the
 *             worker that arms them; their completions are the wake-up.
 *
 * No lost wake-up: a wake is a completion, and a completion stays in the
 * completion queue until its worker reaps it, so a wake that arrives before
 * the park makes the park return at once (the token of idle.h).  The
 * scheduler's idle protocol (sched.c) does the rest.
 *
 * Completion queues cannot overflow silently: rings are set up with a large
 * CQ and IORING_FEAT_NODROP (the kernel keeps overflowed completions and
 * reports -EBUSY to submitters, who reap and retry); every completion's
 * result is checked.
 *
 * Stopping a timer: the stopper takes the owner's fire_lock (held by the
 * owner while it runs a timer's callback), flips the timer from PENDING, and
 * asks the owner to remove the kernel timeout (directly if it is the owner,
 * by a REMOVE message otherwise).  The slot that names the timer in
 * user_data is freed only when the timeout's own completion arrives.
 */
#include "../mn/idle.h"

#include <errno.h>
#include <liburing.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/eventfd.h>
#include <unistd.h>

#define SQ_ENTRIES 256
#define CQ_ENTRIES 16384
#define SLOT_CHUNK 4096
#define MAX_CHUNKS 4096

/* user_data: payload << 3 | tag */
enum { TAG_WAKE = 1, TAG_EVENTFD, TAG_TIMER, TAG_REMOVE_REQ, TAG_MSG_SENT, TAG_REMOVED };
#define UD(tag, payload) (((uint64_t)(payload) << 3) | (tag))

typedef struct slot {
    gort__timer *t; /* NULL once stopped; guarded by fire_lock */
    struct __kernel_timespec ts;
    uint32_t next_free;
} slot;

struct gort__idle {
    struct io_uring ring;
    int efd;
    uint64_t efd_buf;
    gort__lock fire_lock;
    slot *chunks[MAX_CHUNKS]; /* grown by the owner only; chunks never move */
    uint32_t nslots, free_head; /* free_head: index + 1, 0 = none */
};

static bool skip_success; /* IORING_FEAT_CQE_SKIP */
static bool force_eventfd; /* GORT_TEST_URING_WAKE=eventfd (tests only) */

static slot *slot_at(gort__idle *s, uint32_t i) { return &s->chunks[i / SLOT_CHUNK][i % SLOT_CHUNK]; }

static uint32_t slot_alloc(gort__idle *s) {
    if (s->free_head) {
        uint32_t i = s->free_head - 1;
        s->free_head = slot_at(s, i)->next_free;
        return i;
    }
    if (s->nslots % SLOT_CHUNK == 0) {
        if (s->nslots / SLOT_CHUNK == MAX_CHUNKS)
            gort__fatal("uring backend: too many pending timers");
        slot *c = calloc(SLOT_CHUNK, sizeof *c);
        if (!c)
            gort__fatal("out of memory for io_uring timer slots");
        s->chunks[s->nslots / SLOT_CHUNK] = c;
    }
    return s->nslots++;
}

static void slot_free(gort__idle *s, uint32_t i) {
    slot_at(s, i)->next_free = s->free_head;
    s->free_head = i + 1;
}

/* ---- submitting ------------------------------------------------------------ */

static void reap(gort__worker *w);

static int submit(gort__worker *w, unsigned wait) {
    gort__idle *s = w->idle_state;
    for (int tries = 0;; tries++) {
        gort__stat(GORT__STAT_URING_ENTERS, 1);
        int r = wait ? io_uring_submit_and_wait(&s->ring, wait) : io_uring_submit(&s->ring);
        if (r >= 0)
            return r;
        if (r == -EINTR)
            continue;
        if ((r == -EBUSY || r == -EAGAIN) && tries < 1000) {
            if (wait)
                return 0; /* completions are waiting: no need to sleep */
            reap(w); /* completions backed up: make room, then retry */
            continue;
        }
        gort__die("uring backend: io_uring_enter failed: %s", strerror(-r));
    }
}

static struct io_uring_sqe *get_sqe(gort__worker *w) {
    gort__idle *s = w->idle_state;
    struct io_uring_sqe *sqe = io_uring_get_sqe(&s->ring);
    if (!sqe) {
        submit(w, 0);
        sqe = io_uring_get_sqe(&s->ring);
        if (!sqe)
            gort__die("uring backend: submission queue full after submitting");
    }
    return sqe;
}

static void post_eventfd_read(gort__worker *w) {
    gort__idle *s = w->idle_state;
    struct io_uring_sqe *sqe = get_sqe(w);
    io_uring_prep_read(sqe, s->efd, &s->efd_buf, sizeof s->efd_buf, 0);
    io_uring_sqe_set_data64(sqe, UD(TAG_EVENTFD, 0));
}

static void eventfd_wake(gort__worker *target) {
    uint64_t one = 1;
    gort__stat(GORT__STAT_EVENTFD_WAKES, 1);
    while (write(target->idle_state->efd, &one, sizeof one) < 0 && errno == EINTR)
        ;
}

/* A message to another worker's ring: a WAKE, or a REMOVE_REQ for a slot. */
static void send_msg(gort__worker *from, gort__worker *to, uint64_t data, int kind) {
    struct io_uring_sqe *sqe = get_sqe(from);
    io_uring_prep_msg_ring(sqe, to->idle_state->ring.ring_fd, 0, data, 0);
    io_uring_sqe_set_data64(sqe, UD(TAG_MSG_SENT, ((uint64_t)to->id << 1) | (unsigned)kind));
    if (skip_success)
        sqe->flags |= IOSQE_CQE_SKIP_SUCCESS;
    gort__stat(GORT__STAT_RING_MSGS, 1);
    submit(from, 0);
}

/* ---- completions ------------------------------------------------------------ */

static void timer_done(gort__worker *w, uint32_t i, int res) {
    gort__idle *s = w->idle_state;
    if (res != -ETIME && res != -ECANCELED && res != 0)
        gort__die("uring backend: timeout completed with %s", strerror(-res));
    gort__lock_acquire(&s->fire_lock);
    slot *sl = slot_at(s, i);
    gort__timer *t = sl->t;
    sl->t = NULL;
    int pending = GORT__TIMER_PENDING;
    if (t && res != -ECANCELED &&
        atomic_compare_exchange_strong_explicit(&t->state, &pending, GORT__TIMER_DONE,
                                                memory_order_acq_rel, memory_order_relaxed))
        gort__timer_fire(t); /* t is not touched after: a sleeper may be gone */
    gort__lock_release(&s->fire_lock);
    slot_free(s, i);
}

static void remove_timeout(gort__worker *w, uint32_t i) {
    struct io_uring_sqe *sqe = get_sqe(w);
    io_uring_prep_timeout_remove(sqe, UD(TAG_TIMER, i), 0);
    io_uring_sqe_set_data64(sqe, UD(TAG_REMOVED, i));
    if (skip_success)
        sqe->flags |= IOSQE_CQE_SKIP_SUCCESS;
    submit(w, 0);
}

static void handle(gort__worker *w, uint64_t ud, int res) {
    uint64_t payload = ud >> 3;
    switch (ud & 7) {
    case TAG_WAKE:
        break; /* its arrival was the point */
    case TAG_EVENTFD:
        if (res < 0 && res != -EINTR && res != -EAGAIN)
            gort__die("uring backend: eventfd read failed: %s", strerror(-res));
        post_eventfd_read(w);
        submit(w, 0);
        break;
    case TAG_TIMER:
        timer_done(w, (uint32_t)payload, res);
        break;
    case TAG_REMOVE_REQ:
        remove_timeout(w, (uint32_t)payload);
        break;
    case TAG_REMOVED: /* the timeout had already fired or been removed */
        if (res < 0 && res != -ENOENT && res != -EALREADY)
            gort__die("uring backend: timeout removal failed: %s", strerror(-res));
        break;
    case TAG_MSG_SENT:
        if (res < 0) {
            gort__worker *to = &gort__workers[payload >> 1];
            if ((payload & 1) == 0)
                eventfd_wake(to); /* the wake must get through */
            /* a lost REMOVE_REQ only lets a dead timeout run to its end */
        }
        break;
    default:
        gort__die("uring backend: completion with unknown user_data %#llx", (unsigned long long)ud);
    }
}

static void reap(gort__worker *w) {
    gort__idle *s = w->idle_state;
    struct io_uring_cqe *cqe;
    while (io_uring_peek_cqe(&s->ring, &cqe) == 0) {
        uint64_t ud = io_uring_cqe_get_data64(cqe);
        int res = cqe->res;
        io_uring_cqe_seen(&s->ring, cqe);
        handle(w, ud, res);
    }
}

/* ---- idle.h ------------------------------------------------------------------- */

static const char *setup_ring(gort__idle *s) {
    static char why[200];
    const char *fail = getenv("GORT_TEST_URING_UNAVAILABLE"); /* tests only */
    if (fail && !strcmp(fail, "setup"))
        return "io_uring_setup failed: Operation not permitted (GORT_TEST_URING_UNAVAILABLE=setup)";
    struct io_uring_params p;
    memset(&p, 0, sizeof p);
    p.flags = IORING_SETUP_CQSIZE;
    p.cq_entries = CQ_ENTRIES;
    int r = io_uring_queue_init_params(SQ_ENTRIES, &s->ring, &p);
    if (r < 0) {
        snprintf(why, sizeof why, "io_uring_setup failed: %s%s", strerror(-r),
                 r == -EPERM || r == -ENOSYS ? " (kernel.io_uring_disabled, a seccomp filter, or no io_uring)" : "");
        return why;
    }
    if (!(p.features & IORING_FEAT_NODROP))
        return "kernel lacks IORING_FEAT_NODROP (completions could be dropped); need Linux 5.5 or later";
    skip_success = p.features & IORING_FEAT_CQE_SKIP;
    struct io_uring_probe *probe = io_uring_get_probe_ring(&s->ring);
    bool msg_ring = probe && io_uring_opcode_supported(probe, IORING_OP_MSG_RING) &&
                    io_uring_opcode_supported(probe, IORING_OP_TIMEOUT_REMOVE);
    if (probe)
        io_uring_free_probe(probe);
    if (fail && !strcmp(fail, "msg_ring"))
        msg_ring = false;
    if (!msg_ring)
        return "kernel lacks IORING_OP_MSG_RING (Linux 5.18 or later)";
    s->efd = eventfd(0, EFD_CLOEXEC);
    if (s->efd < 0)
        return "eventfd failed";
    return NULL;
}

const char *gort__idle_setup(int nworkers) {
    const char *t = getenv("GORT_TEST_URING_WAKE");
    force_eventfd = t && !strcmp(t, "eventfd");
    for (int i = 0; i < nworkers; i++) {
        gort__idle *s = calloc(1, sizeof *s);
        if (!s)
            return "out of memory";
        gort__workers[i].idle_state = s;
        const char *why = setup_ring(s);
        if (why)
            return why;
    }
    return NULL;
}

void gort__idle_worker_init(gort__worker *w) {
    post_eventfd_read(w);
    submit(w, 0);
}

bool gort__idle_due(gort__worker *w) {
    gort__idle *s = w->idle_state;
    return io_uring_cq_ready(&s->ring) != 0;
}

void gort__idle_poll(gort__worker *w) {
    if (gort__idle_due(w))
        reap(w);
}

/* Only sleeps: what completed is handled by the next gort__idle_poll, once
 * the worker counts as running again (sched.c's go_idle). */
void gort__idle_park(gort__worker *w) {
    gort__idle *s = w->idle_state;
    if (!io_uring_cq_ready(&s->ring))
        submit(w, 1);
}

void gort__idle_wake(gort__worker *to) {
    gort__worker *from = gort__this_worker();
    if (!from || force_eventfd)
        eventfd_wake(to);
    else
        send_msg(from, to, UD(TAG_WAKE, 0), 0);
}

/* ---- timers --------------------------------------------------------------------- */

void gort__timer_start(gort__timer *t) {
    gort__worker *w = gort__this_worker();
    if (!w)
        gort__fatal("uring backend: a timer armed outside the workers");
    gort__idle *s = w->idle_state;
    uint32_t i = slot_alloc(s);
    slot *sl = slot_at(s, i);
    sl->t = t;
    sl->ts.tv_sec = t->when / 1000000000;
    sl->ts.tv_nsec = t->when % 1000000000;
    t->owner = w;
    t->slot = i;
    atomic_store_explicit(&t->state, GORT__TIMER_PENDING, memory_order_release);
    struct io_uring_sqe *sqe = get_sqe(w);
    io_uring_prep_timeout(sqe, &sl->ts, 0, IORING_TIMEOUT_ABS);
    io_uring_sqe_set_data64(sqe, UD(TAG_TIMER, i));
    submit(w, 0);
}

bool gort__timer_stop(gort__timer *t) {
    gort__worker *owner = t->owner;
    gort__idle *s = owner->idle_state;
    gort__lock_acquire(&s->fire_lock); /* waits out a callback in flight */
    int pending = GORT__TIMER_PENDING;
    bool stopped = atomic_compare_exchange_strong_explicit(&t->state, &pending, GORT__TIMER_IDLE,
                                                           memory_order_acq_rel, memory_order_relaxed);
    uint32_t i = (uint32_t)t->slot;
    if (stopped)
        slot_at(s, i)->t = NULL;
    gort__lock_release(&s->fire_lock);
    if (stopped) {
        gort__worker *w = gort__this_worker();
        if (w == owner)
            remove_timeout(w, i);
        else if (w)
            send_msg(w, owner, UD(TAG_REMOVE_REQ, i), 1);
    }
    return stopped;
}
