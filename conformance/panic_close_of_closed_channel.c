/* panic_close_of_closed_channel: close of closed channel panics with Go's message and exit status 2; nothing after it runs.
 *
 * expect-exit: 2
 * expect-stdout: before
 * expect-stderr: panic: close of closed channel
 */
#include "check.h"
#include <gort.h>

static int real_main(int argc, char **argv) {
    (void)argc, (void)argv;
    printf("before\n");
    gort_chan *ch = gort_chan_make(sizeof(int), 1);
    gort_close(ch);
    gort_close(ch);
    printf("after\n");
    return 0;
}

int main(int argc, char **argv) { return gort_main(real_main, argc, argv); }
