/* panic_from_goroutine: gort_panic in any goroutine ends the whole program
 * with "panic: MSG" and exit status 2.
 *
 * expect-exit: 2
 * expect-stderr: panic: worker gave up
 */
#include "check.h"
#include <gort.h>

static void worker(void *arg) {
    (void)arg;
    gort_panic("worker gave up");
}

static int real_main(int argc, char **argv) {
    (void)argc, (void)argv;
    gort_go(worker, NULL);
    gort_recv(gort_chan_make(0, 0), NULL); /* would deadlock, but the panic comes first */
    return 0;
}

int main(int argc, char **argv) { return gort_main(real_main, argc, argv); }
