/* go_does_not_wait: gort_go returns before the new goroutine runs to its end.
 * The goroutine waits for a value that main sends only after gort_go has
 * returned; a gort_go that waited for fn would never get there.
 *
 * expect-exit: 0
 * expect-stdout: spawned
 * expect-stdout: got 42
 */
#include "check.h"
#include <gort.h>

static gort_chan *in, *out;

static void worker(void *arg) {
    (void)arg;
    int v;
    gort_recv(in, &v);
    gort_send(out, &v);
}

static int real_main(int argc, char **argv) {
    (void)argc, (void)argv;
    in = gort_chan_make(sizeof(int), 0);
    out = gort_chan_make(sizeof(int), 0);
    gort_go(worker, NULL);
    printf("spawned\n");
    int v = 42, r = 0;
    gort_send(in, &v);
    gort_recv(out, &r);
    printf("got %d\n", r);
    return 0;
}

int main(int argc, char **argv) { return gort_main(real_main, argc, argv); }
