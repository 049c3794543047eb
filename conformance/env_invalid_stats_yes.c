/* env_invalid_stats_yes: an invalid GORT_STATS is a clear error at start that
 * names the variable (exit 2), not a crash and not a silent default.
 *
 * env: GORT_STATS=yes
 * expect-exit: 2
 * expect-stderr: gort: invalid GORT_STATS="yes": want 1 (print counters at exit) or 0
 */
#include "check.h"
#include <gort.h>

static int real_main(int argc, char **argv) {
    (void)argc, (void)argv;
    printf("main ran\n");
    return 0;
}

int main(int argc, char **argv) { return gort_main(real_main, argc, argv); }
