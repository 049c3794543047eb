/* mutex_starvation_mode: a goroutine that unlocks and relocks in a loop
 * cannot keep the lock from a waiter for ever: after 1 ms of waiting the
 * waiter is handed the lock (Go's starvation mode), even on one worker.
 * As in Go's TestMutexFairness, the hog sleeps while it holds the lock and
 * the bound is 10 s; a fair mutex takes a few ms.  Without starvation mode
 * the hog, already running when it unlocks, takes the lock straight back.
 *
 * expect-exit: 0
 * expect-stdout: waiter got the lock
 * timeout: 40
 */
#include "check.h"
#include <gort.h>
#include <stdatomic.h>

static gort_mutex *mu;
static atomic_int stop;

static void hog(void *arg) {
    (void)arg;
    while (!atomic_load(&stop)) {
        gort_mutex_lock(mu);
        gort_sleep(100000);
        gort_mutex_unlock(mu);
    }
}

static void waiter(void *done) {
    gort_mutex_lock(mu);
    gort_mutex_unlock(mu);
    gort_send(done, NULL);
}

static int real_main(int argc, char **argv) {
    (void)argc, (void)argv;
    mu = gort_mutex_make();
    gort_chan *done = gort_chan_make(0, 0);
    gort_go(hog, NULL);
    gort_sleep(2000000);
    gort_go(waiter, done);
    gort_chan *t = gort_after(10LL * 1000000000);
    gort_case cases[2] = {{.ch = done, .op = GORT_RECV}, {.ch = t, .op = GORT_RECV}};
    int k = gort_select(cases, 2, true);
    atomic_store(&stop, 1);
    CHECK(k == 0, "the waiter was starved for 10 s");
    printf("waiter got the lock\n");
    return 0;
}

int main(int argc, char **argv) { return gort_main(real_main, argc, argv); }
