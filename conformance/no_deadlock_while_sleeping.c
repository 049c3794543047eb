/* no_deadlock_while_sleeping: main blocked on a receive while the only other
 * goroutine sleeps is not a deadlock: the sleep will end and it will send.
 *
 * expect-exit: 0
 * expect-stdout: got 1
 */
#include "check.h"
#include <gort.h>

static void late_sender(void *ch) {
    gort_sleep(50 * 1000000);
    int v = 1;
    gort_send(ch, &v);
}

static int real_main(int argc, char **argv) {
    (void)argc, (void)argv;
    gort_chan *ch = gort_chan_make(sizeof(int), 0);
    gort_go(late_sender, ch);
    int v;
    gort_recv(ch, &v);
    printf("got %d\n", v);
    return 0;
}

int main(int argc, char **argv) { return gort_main(real_main, argc, argv); }
