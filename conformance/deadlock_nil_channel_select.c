/* deadlock_nil_channel_select: a blocking select whose every case is a nil
 * channel can never proceed: deadlock.
 *
 * expect-exit: 2
 * expect-stderr: fatal error: all goroutines are asleep - deadlock!
 */
#include "check.h"
#include <gort.h>

static int real_main(int argc, char **argv) {
    (void)argc, (void)argv;
    int v = 0;
    gort_case cases[2] = {{.ch = NULL, .op = GORT_RECV, .elem = &v}, {.ch = NULL, .op = GORT_SEND, .elem = &v}};
    gort_select(cases, 2, true);
    return 0;
}

int main(int argc, char **argv) { return gort_main(real_main, argc, argv); }
