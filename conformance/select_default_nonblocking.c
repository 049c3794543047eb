/* select_default_nonblocking: with block == false, select returns -1 at once
 * when no case is ready (Go's default:), and otherwise runs a ready case.
 *
 * expect-exit: 0
 */
#include "check.h"
#include <gort.h>

static int real_main(int argc, char **argv) {
    (void)argc, (void)argv;
    gort_chan *u = gort_chan_make(sizeof(int), 0);
    gort_chan *b = gort_chan_make(sizeof(int), 1);
    int v = 0;
    gort_case recv_cases[2] = {{.ch = u, .op = GORT_RECV, .elem = &v},
                               {.ch = b, .op = GORT_RECV, .elem = &v}};
    CHECK(gort_select(recv_cases, 2, false) == -1, "nothing is ready");
    CHECK(gort_select(NULL, 0, false) == -1, "select with only default");
    int x = 5;
    gort_case send_u = {.ch = u, .op = GORT_SEND, .elem = &x};
    CHECK(gort_select(&send_u, 1, false) == -1, "no receiver on the unbuffered channel");
    gort_case send_b = {.ch = b, .op = GORT_SEND, .elem = &x};
    CHECK(gort_select(&send_b, 1, false) == 0, "room in the buffer");
    CHECK(gort_select(&send_b, 1, false) == -1, "buffer full");
    CHECK(gort_select(recv_cases, 2, false) == 1 && v == 5 && recv_cases[1].ok, "value ready");
    gort_close(u);
    v = 9;
    CHECK(gort_select(recv_cases, 2, false) == 0 && !recv_cases[0].ok && v == 0,
          "a closed channel is ready: ok false, zero value");
    return 0;
}

int main(int argc, char **argv) { return gort_main(real_main, argc, argv); }
