/* deadlock_empty_select: select {} blocks forever; with nothing else alive
 * that is a deadlock.
 *
 * expect-exit: 2
 * expect-stderr: fatal error: all goroutines are asleep - deadlock!
 */
#include "check.h"
#include <gort.h>

static int real_main(int argc, char **argv) {
    (void)argc, (void)argv;
    gort_select(NULL, 0, true);
    return 0;
}

int main(int argc, char **argv) { return gort_main(real_main, argc, argv); }
