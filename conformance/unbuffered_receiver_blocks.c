/* unbuffered_receiver_blocks: a receive on an empty unbuffered channel waits
 * for the sender, and gets exactly the value sent.
 *
 * expect-exit: 0
 * expect-stdout: received 7 after the send
 */
#include "check.h"
#include <gort.h>
#include <stdatomic.h>

static gort_chan *ch;
static atomic_int sent;

static void receiver(void *done) {
    int v = 0;
    gort_recv(ch, &v);
    CHECK(atomic_load(&sent) == 1, "receive completed before any send");
    printf("received %d after the send\n", v);
    gort_send(done, NULL);
}

static int real_main(int argc, char **argv) {
    (void)argc, (void)argv;
    ch = gort_chan_make(sizeof(int), 0);
    gort_chan *done = gort_chan_make(0, 0);
    gort_go(receiver, done);
    for (int i = 0; i < 20; i++)
        gort_sleep(200000);
    atomic_store(&sent, 1);
    int v = 7;
    gort_send(ch, &v);
    gort_recv(done, NULL);
    return 0;
}

int main(int argc, char **argv) { return gort_main(real_main, argc, argv); }
