/* buffered_fifo: a buffered channel delivers in send order, also across the
 * ring buffer's wrap-around and with a sender parked on a full buffer; len
 * and cap are Go's len(ch) and cap(ch).
 *
 * expect-exit: 0
 */
#include "check.h"
#include <gort.h>

static void sender(void *ch) {
    for (int i = 0; i < 1000; i++)
        gort_send(ch, &i);
    gort_close(ch);
}

static int real_main(int argc, char **argv) {
    (void)argc, (void)argv;
    gort_chan *ch = gort_chan_make(sizeof(int), 5);
    CHECK(gort_chan_cap(ch) == 5, "cap %zu", gort_chan_cap(ch));
    int next_in = 0, next_out = 0;
    for (int round = 0; round < 7; round++) { /* partial fills walk the ring */
        for (int k = 0; k < 3; k++, next_in++)
            gort_send(ch, &next_in);
        CHECK(gort_chan_len(ch) == 3, "len %zu after 3 sends", gort_chan_len(ch));
        for (int k = 0; k < 3; k++, next_out++) {
            int v = -1;
            CHECK(gort_recv(ch, &v), "closed?");
            CHECK(v == next_out, "got %d, want %d (not FIFO)", v, next_out);
        }
    }
    CHECK(gort_chan_len(ch) == 0, "len %zu", gort_chan_len(ch));

    gort_chan *c2 = gort_chan_make(sizeof(int), 4);
    gort_go(sender, c2); /* parks on the full buffer again and again */
    int v, want = 0;
    while (gort_recv(c2, &v)) {
        CHECK(v == want, "got %d, want %d (not FIFO)", v, want);
        want++;
        if (want % 7 == 0)
            gort_sleep(100000);
    }
    CHECK(want == 1000, "received %d values", want);
    return 0;
}

int main(int argc, char **argv) { return gort_main(real_main, argc, argv); }
