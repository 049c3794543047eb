/* nil_channel_never_chosen: in select, a case on a nil channel is never
 * ready, in either direction, blocking or not.
 *
 * expect-exit: 0
 */
#include "check.h"
#include <gort.h>

static void sender(void *ch) {
    gort_sleep(200000);
    int v = 3;
    gort_send(ch, &v);
}

static int real_main(int argc, char **argv) {
    (void)argc, (void)argv;
    int v = 0;
    gort_case nils[2] = {{.ch = NULL, .op = GORT_RECV, .elem = &v}, {.ch = NULL, .op = GORT_SEND, .elem = &v}};
    for (int i = 0; i < 1000; i++)
        CHECK(gort_select(nils, 2, false) == -1, "a nil case was chosen");
    gort_chan *c = gort_chan_make(sizeof(int), 0);
    for (int i = 0; i < 20; i++) {
        gort_go(sender, c);
        gort_case cases[3] = {nils[0], {.ch = c, .op = GORT_RECV, .elem = &v}, nils[1]};
        CHECK(gort_select(cases, 3, true) == 1 && v == 3, "the only real case");
    }
    return 0;
}

int main(int argc, char **argv) { return gort_main(real_main, argc, argv); }
