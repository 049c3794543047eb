/* sleep_and_yield: gort_sleep(ns <= 0) returns at once, a positive sleep
 * lasts at least as long as asked; gort_yield lets other goroutines run.
 *
 * expect-exit: 0
 */
#include "check.h"
#include <gort.h>
#include <stdatomic.h>

static atomic_int flag;

static void setter(void *arg) {
    (void)arg;
    atomic_store(&flag, 1);
}

static int real_main(int argc, char **argv) {
    (void)argc, (void)argv;
    gort_sleep(0);
    gort_sleep(-5);
    int64_t t0 = gort_nanotime();
    gort_sleep(3 * 1000000);
    int64_t t1 = gort_nanotime();
    CHECK(t1 - t0 >= 3 * 1000000, "slept %lld ns of 3 ms", (long long)(t1 - t0));
    CHECK(t1 > t0, "nanotime is monotonic");
    gort_go(setter, NULL);
    while (!atomic_load(&flag))
        gort_yield();
    return 0;
}

int main(int argc, char **argv) { return gort_main(real_main, argc, argv); }
