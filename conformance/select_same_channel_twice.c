/* select_same_channel_twice: one channel may appear in several cases, in
 * either direction.  Two receive cases on one channel are both chosen over
 * time; a blocked select with a send and a receive case on one unbuffered
 * channel pairs with a partner goroutine, not with itself.
 *
 * expect-exit: 0
 */
#include "check.h"
#include <gort.h>

static void partner(void *ch) {
    for (int i = 0; i < 100; i++) {
        int v = 0;
        gort_recv(ch, &v);
        CHECK(v == 1, "partner received %d", v);
        v = 2;
        gort_send(ch, &v);
    }
}

static int real_main(int argc, char **argv) {
    (void)argc, (void)argv;
    gort_chan *b = gort_chan_make(sizeof(int), 1);
    int v = 0;
    gort_case two[2] = {{.ch = b, .op = GORT_RECV, .elem = &v}, {.ch = b, .op = GORT_RECV, .elem = &v}};
    int counts[2] = {0, 0};
    for (int i = 0; i < 2000; i++) {
        gort_send(b, &i);
        int k = gort_select(two, 2, true);
        CHECK(k == 0 || k == 1, "select returned %d", k);
        CHECK(v == i, "got %d want %d", v, i);
        counts[k]++;
    }
    CHECK(counts[0] > 700 && counts[1] > 700, "unfair between duplicate cases: %d %d", counts[0],
          counts[1]);

    gort_chan *u = gort_chan_make(sizeof(int), 0);
    gort_go(partner, u);
    int out = 1, in = 0, sends = 0, recvs = 0;
    gort_case both[2] = {{.ch = u, .op = GORT_SEND, .elem = &out}, {.ch = u, .op = GORT_RECV, .elem = &in}};
    while (sends < 100 || recvs < 100) {
        int k = gort_select(both, 2, true);
        if (k == 0) {
            sends++;
        } else {
            CHECK(k == 1 && in == 2, "k=%d in=%d: the select met itself", k, in);
            recvs++;
        }
        CHECK(sends - recvs == 0 || sends - recvs == 1, "sends %d recvs %d", sends, recvs);
    }
    return 0;
}

int main(int argc, char **argv) { return gort_main(real_main, argc, argv); }
