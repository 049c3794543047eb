/* tour_nonblocking_ops: Go by Example's non-blocking channel operations:
 * select with default for a receive, a send, and a multi-way receive.
 *
 * expect-exit: 0
 * expect-stdout: no message received
 * expect-stdout: no message sent
 * expect-stdout: no activity
 * expect-stdout: received hi
 */
#include "check.h"
#include <gort.h>

static int real_main(int argc, char **argv) {
    (void)argc, (void)argv;
    gort_chan *messages = gort_chan_make(sizeof(char *), 0);
    gort_chan *signals = gort_chan_make(sizeof(bool), 0);
    const char *msg = NULL;
    gort_case r = {.ch = messages, .op = GORT_RECV, .elem = &msg};
    if (gort_select(&r, 1, false) < 0)
        printf("no message received\n");
    const char *hi = "hi";
    gort_case s = {.ch = messages, .op = GORT_SEND, .elem = &hi};
    if (gort_select(&s, 1, false) < 0)
        printf("no message sent\n");
    bool sig;
    gort_case two[2] = {{.ch = messages, .op = GORT_RECV, .elem = &msg},
                        {.ch = signals, .op = GORT_RECV, .elem = &sig}};
    if (gort_select(two, 2, false) < 0)
        printf("no activity\n");
    gort_chan *buffered = gort_chan_make(sizeof(char *), 1);
    gort_case bs = {.ch = buffered, .op = GORT_SEND, .elem = &hi};
    CHECK(gort_select(&bs, 1, false) == 0, "buffered send with room");
    gort_case br = {.ch = buffered, .op = GORT_RECV, .elem = &msg};
    if (gort_select(&br, 1, false) == 0)
        printf("received %s\n", msg);
    return 0;
}

int main(int argc, char **argv) { return gort_main(real_main, argc, argv); }
