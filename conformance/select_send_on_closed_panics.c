/* select_send_on_closed_panics: a select that chooses a send case on a
 * closed channel panics, as a plain send does.
 *
 * expect-exit: 2
 * expect-stderr: panic: send on closed channel
 */
#include "check.h"
#include <gort.h>

static int real_main(int argc, char **argv) {
    (void)argc, (void)argv;
    gort_chan *c = gort_chan_make(sizeof(int), 0);
    gort_close(c);
    int v = 1;
    gort_case k = {.ch = c, .op = GORT_SEND, .elem = &v};
    gort_select(&k, 1, false);
    return 0;
}

int main(int argc, char **argv) { return gort_main(real_main, argc, argv); }
