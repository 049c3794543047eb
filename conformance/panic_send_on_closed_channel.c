/* panic_send_on_closed_channel: send on closed channel panics with Go's message and exit status 2; nothing after it runs.
 *
 * expect-exit: 2
 * expect-stdout: before
 * expect-stderr: panic: send on closed channel
 */
#include "check.h"
#include <gort.h>

static int real_main(int argc, char **argv) {
    (void)argc, (void)argv;
    printf("before\n");
    gort_chan *ch = gort_chan_make(sizeof(int), 1);
    gort_close(ch);
    int v = 1;
    gort_send(ch, &v);
    printf("after\n");
    return 0;
}

int main(int argc, char **argv) { return gort_main(real_main, argc, argv); }
