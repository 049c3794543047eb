/* recv_discard_null_out: a receive or select case with a NULL destination
 * consumes the value and discards it.
 *
 * expect-exit: 0
 */
#include "check.h"
#include <gort.h>

static int real_main(int argc, char **argv) {
    (void)argc, (void)argv;
    gort_chan *c = gort_chan_make(sizeof(int), 3);
    for (int i = 0; i < 3; i++)
        gort_send(c, &i);
    CHECK(gort_recv(c, NULL), "ok");
    gort_case k = {.ch = c, .op = GORT_RECV, .elem = NULL};
    CHECK(gort_select(&k, 1, false) == 0 && k.ok, "select discard");
    int v;
    CHECK(gort_recv(c, &v) && v == 2, "v=%d", v);
    return 0;
}

int main(int argc, char **argv) { return gort_main(real_main, argc, argv); }
