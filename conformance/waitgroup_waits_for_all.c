/* waitgroup_waits_for_all: Wait returns only after every Done, in every
 * waiting goroutine; Wait on a zero counter returns at once.
 *
 * expect-exit: 0
 * expect-stdout: total 5050
 */
#include "check.h"
#include <gort.h>
#include <stdatomic.h>

static gort_waitgroup *wg, *waiters_done;
static atomic_long total;
static atomic_int finished;

static void worker(void *arg) {
    long n = (long)(intptr_t)arg;
    gort_sleep((n % 5) * 100000);
    atomic_fetch_add(&total, n);
    atomic_fetch_add(&finished, 1);
    gort_wg_done(wg);
}

static void second_waiter(void *arg) {
    (void)arg;
    gort_wg_wait(wg);
    CHECK(atomic_load(&finished) == 100, "Wait returned with %d of 100 done", atomic_load(&finished));
    gort_wg_done(waiters_done);
}

static int real_main(int argc, char **argv) {
    (void)argc, (void)argv;
    wg = gort_wg_make();
    waiters_done = gort_wg_make();
    gort_wg_wait(wg); /* zero: returns at once */
    gort_wg_add(wg, 100);
    gort_wg_add(waiters_done, 3);
    for (int i = 0; i < 3; i++)
        gort_go(second_waiter, NULL);
    for (long i = 1; i <= 100; i++)
        gort_go(worker, (void *)(intptr_t)i);
    gort_wg_wait(wg);
    CHECK(atomic_load(&finished) == 100, "Wait returned with %d of 100 done", atomic_load(&finished));
    gort_wg_wait(waiters_done);
    printf("total %ld\n", atomic_load(&total));
    gort_wg_free(wg);
    gort_wg_free(waiters_done);
    return 0;
}

int main(int argc, char **argv) { return gort_main(real_main, argc, argv); }
