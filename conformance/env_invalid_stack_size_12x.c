/* env_invalid_stack_size_12x: an invalid GORT_STACK_SIZE is a clear error at start that
 * names the variable (exit 2), not a crash and not a silent default.
 *
 * env: GORT_STACK_SIZE=12x
 * expect-exit: 2
 * expect-stderr: gort: invalid GORT_STACK_SIZE="12x": want a number of bytes from 16384 to 1073741824 (suffix K, M or G allowed)
 */
#include "check.h"
#include <gort.h>

static int real_main(int argc, char **argv) {
    (void)argc, (void)argv;
    printf("main ran\n");
    return 0;
}

int main(int argc, char **argv) { return gort_main(real_main, argc, argv); }
