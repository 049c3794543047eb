/* timer_wake_during_solo_locks: a worker that wakes on its own timer, while
 * another worker runs alone, finds every lock and run queue still exclusive.
 *
 * While one M:N worker is the only one awake it takes the runtime's locks
 * and updates its queues with plain stores (runtimes/common/solo.h); a
 * sleeping worker whose timer fires must stop that before it touches
 * anything.  Here one goroutine works a buffered channel non-stop, spawning
 * a helper and yielding now and then, while sleepers wake every 200 us and
 * work the same channel.  A lock held twice at once would lose or
 * duplicate buffered values (the sums disagree) or corrupt the channel, the
 * WaitGroup or a run queue (a wrong count, a crash or a hang).
 *
 * expect-exit: 0
 * expect-stdout: sums agree
 */
#include "check.h"
#include <gort.h>
#include <stdatomic.h>
#include <stdint.h>

#define SLEEPERS 4
#define NAP_NS   200000
#define RUN_NS                                                                                     \
    100000000 /* a time, not a count of naps: with one worker a                                    \
                 nap ends only when the hot goroutine yields */
#define BURST 8

static gort_chan *c;
static gort_waitgroup *helpers;
static _Atomic uint64_t sent_sum, recv_sum;
static _Atomic long items;
static _Atomic int stop;
static int64_t deadline;

/* Send a value that names its sender, take one back. */
static void exchange(uint64_t v, uint64_t *sent, uint64_t *got) {
    uint64_t x;
    gort_send(c, &v);
    CHECK(gort_recv(c, &x), "channel closed");
    *sent += v;
    *got += x;
}

static void settle(uint64_t sent, uint64_t got, long n) {
    atomic_fetch_add(&sent_sum, sent);
    atomic_fetch_add(&recv_sum, got);
    atomic_fetch_add(&items, n);
}

static void helper(void *arg) {
    uint64_t sent = 0, got = 0;
    exchange((uintptr_t)arg, &sent, &got);
    settle(sent, got, 1);
    gort_wg_done(helpers);
}

static void hot(void *done) {
    uint64_t sent = 0, got = 0;
    long n = 0;
    while (!atomic_load_explicit(&stop, memory_order_relaxed)) {
        exchange(((uint64_t)1 << 40) + (uint64_t)n * 7919, &sent, &got);
        /* Spawn rarely: a spawn wakes the other worker, which should wake
         * by its timer (GORT_STATS=1: about 150 solo_revokes a run at two
         * workers).  Yield more often, or with one worker no timer fires. */
        if (++n % 4096 == 0) {
            if (n % 65536 == 0) {
                gort_wg_add(helpers, 1);
                gort_go(helper, (void *)(uintptr_t)(((uint64_t)3 << 40) + (uint64_t)n));
            }
            gort_yield();
        }
    }
    settle(sent, got, n);
    gort_send(done, &n);
}

static void sleeper(void *arg) {
    gort_waitgroup *wg = arg;
    uint64_t sent = 0, got = 0;
    static _Atomic uint64_t seq;
    long naps = 0;
    do {
        gort_sleep(NAP_NS);
        for (int k = 0; k < BURST; k++)
            exchange(((uint64_t)2 << 40) + atomic_fetch_add(&seq, 1) * 104729, &sent, &got);
        naps++;
    } while (gort_nanotime() < deadline);
    settle(sent, got, naps * BURST);
    gort_wg_done(wg);
}

static int real_main(int argc, char **argv) {
    (void)argc, (void)argv;
    c = gort_chan_make(sizeof(uint64_t), 256);
    helpers = gort_wg_make();
    gort_waitgroup *wg = gort_wg_make();
    gort_chan *done = gort_chan_make(sizeof(long), 0);
    deadline = gort_nanotime() + RUN_NS;
    gort_go(hot, done);
    gort_wg_add(wg, SLEEPERS);
    for (int i = 0; i < SLEEPERS; i++)
        gort_go(sleeper, wg);
    gort_wg_wait(wg);
    atomic_store(&stop, 1);
    long n;
    gort_recv(done, &n);
    gort_wg_wait(helpers);
    CHECK(gort_chan_len(c) == 0, "%zu values left in the channel", gort_chan_len(c));
    CHECK(atomic_load(&sent_sum) == atomic_load(&recv_sum), "sent %llu, received %llu (%ld items)",
          (unsigned long long)sent_sum, (unsigned long long)recv_sum, (long)items);
    CHECK(n > 0, "the hot goroutine never ran");
    printf("sums agree\n");
    gort_chan_free(done);
    gort_chan_free(c);
    gort_wg_free(wg);
    gort_wg_free(helpers);
    return 0;
}

int main(int argc, char **argv) { return gort_main(real_main, argc, argv); }
