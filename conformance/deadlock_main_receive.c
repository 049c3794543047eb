/* deadlock_main_receive: main alone, receiving on a channel nobody will ever
 * send on: Go's deadlock error, exit 2.
 *
 * expect-exit: 2
 * expect-stdout: waiting
 * expect-stderr: fatal error: all goroutines are asleep - deadlock!
 */
#include "check.h"
#include <gort.h>

static int real_main(int argc, char **argv) {
    (void)argc, (void)argv;
    gort_chan *ch = gort_chan_make(sizeof(int), 0);
    printf("waiting\n");
    gort_recv(ch, NULL);
    printf("received\n");
    return 0;
}

int main(int argc, char **argv) { return gort_main(real_main, argc, argv); }
