/* select_two_cases: a select of two cases (which has a path of its own in
 * the runtime) picks each of two ready cases, a receive and a send, with
 * equal probability; with one ready it runs that one and leaves the other
 * channel untouched; with none and a default it returns -1 and changes
 * nothing.  The fairness bound is over 10 standard deviations wide.
 *
 * expect-exit: 0
 */
#include "check.h"
#include <gort.h>

#define TRIALS 20000

static int real_main(int argc, char **argv) {
    (void)argc, (void)argv;
    gort_chan *in = gort_chan_make(sizeof(int), 1), *out = gort_chan_make(sizeof(int), 1);
    int got = -1, put = 7, v = 0;
    gort_case two[2] = {{.ch = in, .op = GORT_RECV, .elem = &got},
                        {.ch = out, .op = GORT_SEND, .elem = &put}};
    long counts[2] = {0, 0};
    for (int t = 0; t < TRIALS; t++) {
        gort_send(in, &t); /* both ready: in holds a value, out has room */
        got = -1;
        int k = gort_select(two, 2, true);
        CHECK(k == 0 || k == 1, "select returned %d", k);
        counts[k]++;
        if (k == 0) {
            CHECK(got == t && two[0].ok, "received %d want %d", got, t);
            CHECK(gort_chan_len(out) == 0, "the send case ran too");
        } else {
            CHECK(got == -1, "the receive case ran too");
            gort_recv(out, &v);
            CHECK(v == 7, "sent %d want 7", v);
            gort_recv(in, &v); /* empty in again */
        }
    }
    /* expected 10000 each, standard deviation ~71 */
    CHECK(counts[0] > TRIALS / 2 - 1000 && counts[1] > TRIALS / 2 - 1000,
          "unfair between two ready cases: %ld %ld", counts[0], counts[1]);

    gort_send(out, &put); /* out full, in empty: neither is ready */
    CHECK(gort_select(two, 2, false) == -1, "a select with nothing ready did not take its default");
    CHECK(gort_chan_len(in) == 0 && gort_chan_len(out) == 1, "the default changed a channel");

    int x = 42;
    gort_send(in, &x); /* only the receive is ready */
    got = -1;
    CHECK(gort_select(two, 2, false) == 0 && got == 42, "the ready receive was not chosen");
    CHECK(gort_chan_len(out) == 1, "the send case ran on a full channel");

    gort_recv(out, &v); /* both empty: only the send is ready */
    got = -1;
    CHECK(gort_select(two, 2, false) == 1, "the ready send was not chosen");
    CHECK(gort_chan_len(out) == 1 && got == -1, "the wrong case ran");
    return 0;
}

int main(int argc, char **argv) { return gort_main(real_main, argc, argv); }
