/* buffered_blocks_when_empty: a receive on an empty buffered channel waits
 * for a send, then returns that value with ok == true.
 *
 * expect-exit: 0
 */
#include "check.h"
#include <gort.h>
#include <stdatomic.h>

static atomic_int received;

static void receiver(void *ch) {
    int v = 0;
    bool ok = gort_recv(ch, &v);
    CHECK(ok && v == 99, "ok=%d v=%d", ok, v);
    atomic_store(&received, 1);
}

static int real_main(int argc, char **argv) {
    (void)argc, (void)argv;
    gort_chan *ch = gort_chan_make(sizeof(int), 8);
    gort_go(receiver, ch);
    for (int i = 0; i < 20; i++) {
        gort_sleep(200000);
        CHECK(atomic_load(&received) == 0, "receive completed on an empty channel");
    }
    int v = 99;
    gort_send(ch, &v);
    while (!atomic_load(&received))
        gort_yield();
    return 0;
}

int main(int argc, char **argv) { return gort_main(real_main, argc, argv); }
