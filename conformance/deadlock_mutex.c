/* deadlock_mutex: locking a Mutex twice from the only goroutine blocks
 * forever: deadlock.
 *
 * expect-exit: 2
 * expect-stderr: fatal error: all goroutines are asleep - deadlock!
 */
#include "check.h"
#include <gort.h>

static int real_main(int argc, char **argv) {
    (void)argc, (void)argv;
    gort_mutex *mu = gort_mutex_make();
    gort_mutex_lock(mu);
    gort_mutex_lock(mu);
    return 0;
}

int main(int argc, char **argv) { return gort_main(real_main, argc, argv); }
