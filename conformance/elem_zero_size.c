/* elem_zero_size: chan struct{}: element size 0, NULL element pointers,
 * buffered counting and unbuffered handshakes work as for any type.
 *
 * expect-exit: 0
 */
#include "check.h"
#include <gort.h>

static void signaller(void *ch) {
    for (int i = 0; i < 100; i++)
        gort_send(ch, NULL);
    gort_close(ch);
}

static int real_main(int argc, char **argv) {
    (void)argc, (void)argv;
    gort_chan *sem = gort_chan_make(0, 3);
    for (int i = 0; i < 3; i++)
        gort_send(sem, NULL);
    CHECK(gort_chan_len(sem) == 3, "len %zu", gort_chan_len(sem));
    gort_case k = {.ch = sem, .op = GORT_SEND};
    CHECK(gort_select(&k, 1, false) == -1, "full");
    char canary = 'x';
    CHECK(gort_recv(sem, &canary) && canary == 'x', "nothing copied for size 0");
    gort_chan *u = gort_chan_make(0, 0);
    gort_go(signaller, u);
    int n = 0;
    while (gort_recv(u, NULL))
        n++;
    CHECK(n == 100, "received %d", n);
    return 0;
}

int main(int argc, char **argv) { return gort_main(real_main, argc, argv); }
