/* spinner_steals_during_solo_locks: a spinning worker that finds work to
 * steal, while another worker runs alone, finds every lock and run queue
 * still exclusive.
 *
 * A spinning M:N worker counts itself out of the awake workers after its
 * first empty look (runtimes/mn/sched.c, awake_leave), so the one busy
 * worker takes its locks and updates its queues with plain stores
 * (runtimes/common/solo.h); the spinner must count itself back in, through
 * the barrier, before it steals.  Here one goroutine works a buffered
 * channel non-stop and, every few hundred operations, queues a burst of
 * workers without blocking, so the other worker (spinning, counted out)
 * keeps finding a queue to steal from while the busy one keeps taking from
 * it.  A queue updated twice at once would run a worker twice or never (a
 * wrong run count, or a hang), and a lock held twice would lose buffered
 * values (the sums disagree).
 *
 * expect-exit: 0
 * expect-stdout: every worker ran once; sums agree
 */
#include "check.h"
#include <gort.h>
#include <stdatomic.h>
#include <stdint.h>

#define BURSTS     1000
#define BURST      6
#define WORK_EVERY 2048 /* channel exchanges between bursts: longer than a spinner's look */

static gort_chan *c;
static gort_waitgroup *wg;
static _Atomic uint64_t sent_sum, recv_sum;
static _Atomic uint8_t runs[BURSTS * BURST];

/* Send a value that names its sender, take one back. */
static void exchange(uint64_t v, uint64_t *sent, uint64_t *got) {
    uint64_t x;
    gort_send(c, &v);
    CHECK(gort_recv(c, &x), "channel closed");
    *sent += v;
    *got += x;
}

static void settle(uint64_t sent, uint64_t got) {
    atomic_fetch_add(&sent_sum, sent);
    atomic_fetch_add(&recv_sum, got);
}

static void worker(void *arg) {
    uintptr_t id = (uintptr_t)arg;
    uint64_t sent = 0, got = 0;
    atomic_fetch_add(&runs[id], 1);
    for (int k = 0; k < 4; k++)
        exchange(((uint64_t)2 << 40) + id * 104729 + (uint64_t)k, &sent, &got);
    settle(sent, got);
    gort_wg_done(wg);
}

static void hot(void *done) {
    uint64_t sent = 0, got = 0;
    uint64_t n = 0;
    for (uintptr_t b = 0; b < BURSTS; b++) {
        gort_wg_add(wg, BURST);
        for (uintptr_t i = 0; i < BURST; i++)
            gort_go(worker, (void *)(b * BURST + i));
        for (int k = 0; k < WORK_EVERY; k++, n++)
            exchange(((uint64_t)1 << 40) + n * 7919, &sent, &got);
        if (b % 16 == 15)
            gort_yield(); /* with one worker, let the queue drain */
    }
    settle(sent, got);
    gort_send(done, NULL);
}

static int real_main(int argc, char **argv) {
    (void)argc, (void)argv;
    c = gort_chan_make(sizeof(uint64_t), 256);
    wg = gort_wg_make();
    gort_chan *done = gort_chan_make(0, 0);
    gort_go(hot, done);
    gort_recv(done, NULL);
    gort_wg_wait(wg);
    for (int i = 0; i < BURSTS * BURST; i++)
        CHECK(atomic_load(&runs[i]) == 1, "worker %d ran %d times", i, (int)atomic_load(&runs[i]));
    printf("every worker ran once; ");
    CHECK(gort_chan_len(c) == 0, "%zu values left in the channel", gort_chan_len(c));
    CHECK(atomic_load(&sent_sum) == atomic_load(&recv_sum), "sent %llu, received %llu",
          (unsigned long long)sent_sum, (unsigned long long)recv_sum);
    printf("sums agree\n");
    gort_chan_free(done);
    gort_chan_free(c);
    gort_wg_free(wg);
    return 0;
}

int main(int argc, char **argv) { return gort_main(real_main, argc, argv); }
