/* typed_channels: the type-safe layer of gort.h (GORT_CHAN_TYPE): values go
 * in and come out as T, through send-only and receive-only handles and
 * select-case helpers.  (test_typed.py checks that misuse does not compile.)
 *
 * expect-exit: 0
 * expect-stdout: point 1,2 point 3,4 closed
 */
#include "check.h"
#include <gort.h>

typedef struct { int x, y; } point;
GORT_CHAN_TYPE(pointch, point)

static void produce(void *p) {
    pointch_tx out = *(pointch_tx *)p;
    pointch_send(out, (point){1, 2});
    point q = {3, 4};
    gort_case k = pointch_send_case(out, &q);
    gort_select(&k, 1, true);
    pointch_close(out);
}

static int real_main(int argc, char **argv) {
    (void)argc, (void)argv;
    pointch c = pointch_make(0);
    CHECK(pointch_cap(c.rx) == 0, "cap");
    gort_go(produce, &c.tx);
    point a = pointch_recv_val(c.rx);
    point b;
    gort_case k = pointch_recv_case(c.rx, &b);
    CHECK(gort_select(&k, 1, true) == 0 && k.ok, "select receive");
    point z = {9, 9};
    bool ok = pointch_recv(c.rx, &z);
    printf("point %d,%d point %d,%d %s\n", a.x, a.y, b.x, b.y, ok ? "open" : "closed");
    CHECK(z.x == 0 && z.y == 0, "zero value after close");
    pointch_free(c);
    return 0;
}

int main(int argc, char **argv) { return gort_main(real_main, argc, argv); }
