/* close_drains_buffer_first: after close, the buffered values still come
 * out in order with ok == true; then every receive returns at once with
 * ok == false and the zero value.
 *
 * expect-exit: 0
 */
#include "check.h"
#include <gort.h>

static int real_main(int argc, char **argv) {
    (void)argc, (void)argv;
    gort_chan *ch = gort_chan_make(sizeof(int), 5);
    for (int i = 1; i <= 3; i++)
        gort_send(ch, &i);
    gort_close(ch);
    for (int i = 1; i <= 3; i++) {
        int v = 0;
        CHECK(gort_recv(ch, &v), "ok false with values buffered");
        CHECK(v == i, "got %d want %d", v, i);
    }
    for (int i = 0; i < 3; i++) {
        int v = 12345;
        CHECK(!gort_recv(ch, &v), "ok true on a drained closed channel");
        CHECK(v == 0, "zero value expected, got %d", v);
    }
    gort_chan *u = gort_chan_make(sizeof(int), 0);
    gort_close(u);
    int v = 5;
    CHECK(!gort_recv(u, &v) && v == 0, "closed unbuffered channel");
    return 0;
}

int main(int argc, char **argv) { return gort_main(real_main, argc, argv); }
