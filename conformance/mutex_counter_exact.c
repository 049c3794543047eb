/* mutex_counter_exact: 8 goroutines x 10,000 increments of a plain int under
 * a Mutex come out exact (and race-free under ThreadSanitizer).
 *
 * expect-exit: 0
 * expect-stdout: 80000
 */
#include "check.h"
#include <gort.h>

static gort_mutex *mu;
static gort_waitgroup *wg;
static long counter; /* guarded by mu, deliberately not atomic */

static void incr(void *arg) {
    (void)arg;
    for (int i = 0; i < 10000; i++) {
        gort_mutex_lock(mu);
        counter++;
        if (i % 1000 == 0)
            gort_yield(); /* hold the lock across a reschedule now and then */
        gort_mutex_unlock(mu);
    }
    gort_wg_done(wg);
}

static int real_main(int argc, char **argv) {
    (void)argc, (void)argv;
    mu = gort_mutex_make();
    wg = gort_wg_make();
    gort_wg_add(wg, 8);
    for (int i = 0; i < 8; i++)
        gort_go(incr, NULL);
    gort_wg_wait(wg);
    printf("%ld\n", counter);
    gort_mutex_free(mu);
    return 0;
}

int main(int argc, char **argv) { return gort_main(real_main, argc, argv); }
