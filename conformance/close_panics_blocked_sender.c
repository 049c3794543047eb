/* close_panics_blocked_sender: a sender blocked on a channel when it is
 * closed panics (Go: "send on closed channel").
 *
 * expect-exit: 2
 * expect-stderr: panic: send on closed channel
 */
#include "check.h"
#include <gort.h>
#include <stdatomic.h>

static atomic_int about_to_send;

static void sender(void *ch) {
    int v = 1;
    atomic_store(&about_to_send, 1);
    gort_send(ch, &v);
    printf("send returned\n");
}

static int real_main(int argc, char **argv) {
    (void)argc, (void)argv;
    gort_chan *ch = gort_chan_make(sizeof(int), 0);
    gort_go(sender, ch);
    while (!atomic_load(&about_to_send))
        gort_yield();
    gort_sleep(2000000);
    gort_close(ch);
    gort_sleep(20LL * 1000000000); /* the sender's panic ends the program first */
    return 0;
}

int main(int argc, char **argv) { return gort_main(real_main, argc, argv); }
