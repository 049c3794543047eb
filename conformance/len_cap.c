/* len_cap: len and cap of buffered, unbuffered and nil channels.
 *
 * expect-exit: 0
 */
#include "check.h"
#include <gort.h>

static int real_main(int argc, char **argv) {
    (void)argc, (void)argv;
    CHECK(gort_chan_len(NULL) == 0 && gort_chan_cap(NULL) == 0, "nil channel");
    gort_chan *u = gort_chan_make(sizeof(long), 0);
    CHECK(gort_chan_len(u) == 0 && gort_chan_cap(u) == 0, "unbuffered");
    gort_chan *b = gort_chan_make(sizeof(long), 3);
    for (long i = 0; i < 3; i++) {
        CHECK(gort_chan_len(b) == (size_t)i, "len %zu want %ld", gort_chan_len(b), i);
        gort_send(b, &i);
    }
    CHECK(gort_chan_len(b) == 3 && gort_chan_cap(b) == 3, "full");
    gort_close(b);
    CHECK(gort_chan_len(b) == 3, "closing keeps the buffered values");
    gort_recv(b, NULL);
    CHECK(gort_chan_len(b) == 2, "len %zu", gort_chan_len(b));
    gort_chan_free(u);
    gort_chan_free(b);
    gort_chan_free(NULL);
    return 0;
}

int main(int argc, char **argv) { return gort_main(real_main, argc, argv); }
