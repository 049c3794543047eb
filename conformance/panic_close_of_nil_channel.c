/* panic_close_of_nil_channel: close of nil channel panics with Go's message and exit status 2; nothing after it runs.
 *
 * expect-exit: 2
 * expect-stdout: before
 * expect-stderr: panic: close of nil channel
 */
#include "check.h"
#include <gort.h>

static int real_main(int argc, char **argv) {
    (void)argc, (void)argv;
    printf("before\n");
    gort_close(NULL);
    printf("after\n");
    return 0;
}

int main(int argc, char **argv) { return gort_main(real_main, argc, argv); }
