/* buffered_blocks_when_full: sends into a buffered channel complete at once
 * until it is full; the next one waits for a receive.
 *
 * expect-exit: 0
 */
#include "check.h"
#include <gort.h>
#include <stdatomic.h>

static atomic_int completed;

static void sender(void *ch) {
    for (int i = 0; i < 3; i++) {
        gort_send(ch, &i);
        atomic_fetch_add(&completed, 1);
    }
}

static int real_main(int argc, char **argv) {
    (void)argc, (void)argv;
    gort_chan *ch = gort_chan_make(sizeof(int), 2);
    gort_go(sender, ch);
    while (atomic_load(&completed) < 2)
        gort_yield();
    for (int i = 0; i < 20; i++) {
        gort_sleep(200000);
        CHECK(atomic_load(&completed) == 2, "%d sends completed on a full channel of cap 2",
              atomic_load(&completed));
    }
    CHECK(gort_chan_len(ch) == 2, "len %zu", gort_chan_len(ch));
    int v;
    gort_recv(ch, &v);
    CHECK(v == 0, "got %d", v);
    while (atomic_load(&completed) < 3)
        gort_yield();
    CHECK(gort_chan_len(ch) == 2, "len %zu", gort_chan_len(ch));
    return 0;
}

int main(int argc, char **argv) { return gort_main(real_main, argc, argv); }
