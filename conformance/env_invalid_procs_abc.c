/* env_invalid_procs_abc: an invalid GORT_PROCS is a clear error at start that
 * names the variable (exit 2), not a crash and not a silent default.
 *
 * env: GORT_PROCS=abc
 * expect-exit: 2
 * expect-stderr: gort: invalid GORT_PROCS="abc": want an integer from 1 to 1024
 */
#include "check.h"
#include <gort.h>

static int real_main(int argc, char **argv) {
    (void)argc, (void)argv;
    printf("main ran\n");
    return 0;
}

int main(int argc, char **argv) { return gort_main(real_main, argc, argv); }
