/* fatal_unlock_of_unlocked_mutex: unlocking an unlocked Mutex is Go's fatal
 * error, exit 2.
 *
 * expect-exit: 2
 * expect-stderr: fatal error: sync: unlock of unlocked mutex
 */
#include "check.h"
#include <gort.h>

static int real_main(int argc, char **argv) {
    (void)argc, (void)argv;
    gort_mutex *mu = gort_mutex_make();
    gort_mutex_lock(mu);
    gort_mutex_unlock(mu);
    gort_mutex_unlock(mu);
    return 0;
}

int main(int argc, char **argv) { return gort_main(real_main, argc, argv); }
