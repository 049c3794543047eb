/* select_send_cases: a blocked select with send cases completes the one a
 * receiver arrives for, delivering that case's value, and leaves no stale
 * waiter behind on the other channel.
 *
 * expect-exit: 0
 */
#include "check.h"
#include <gort.h>

static gort_chan *a, *b, *result;

static void receive_b(void *arg) {
    (void)arg;
    int v;
    gort_recv(b, &v);
    gort_send(result, &v);
}

static int real_main(int argc, char **argv) {
    (void)argc, (void)argv;
    a = gort_chan_make(sizeof(int), 0);
    b = gort_chan_make(sizeof(int), 0);
    result = gort_chan_make(sizeof(int), 0);
    for (int round = 0; round < 200; round++) {
        int va = 1000 + round, vb = 2000 + round;
        gort_case cases[2] = {{.ch = a, .op = GORT_SEND, .elem = &va},
                              {.ch = b, .op = GORT_SEND, .elem = &vb}};
        gort_go(receive_b, NULL);
        int i = gort_select(cases, 2, true);
        CHECK(i == 1, "select chose %d; only b has a receiver", i);
        int got;
        gort_recv(result, &got);
        CHECK(got == vb, "receiver got %d want %d", got, vb);
        int probe = 0;
        gort_case p = {.ch = a, .op = GORT_SEND, .elem = &probe};
        CHECK(gort_select(&p, 1, false) == -1, "a stale select waiter is still queued on a");
    }
    return 0;
}

int main(int argc, char **argv) { return gort_main(real_main, argc, argv); }
