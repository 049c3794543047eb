/* select_uniform_send_cases: the same fairness for send cases, with the
 * ready set changing: two buffered channels with room, one full (never
 * ready) and one nil (never ready).
 *
 * expect-exit: 0
 */
#include "check.h"
#include <gort.h>

#define TRIALS 20000

static int real_main(int argc, char **argv) {
    (void)argc, (void)argv;
    gort_chan *a = gort_chan_make(sizeof(int), 1), *b = gort_chan_make(sizeof(int), 1);
    gort_chan *full = gort_chan_make(sizeof(int), 1);
    int x = 7;
    gort_send(full, &x);
    gort_case cases[4] = {
        {.ch = full, .op = GORT_SEND, .elem = &x},
        {.ch = a, .op = GORT_SEND, .elem = &x},
        {.ch = NULL, .op = GORT_SEND, .elem = &x},
        {.ch = b, .op = GORT_SEND, .elem = &x},
    };
    long counts[4] = {0};
    for (int t = 0; t < TRIALS; t++) {
        int i = gort_select(cases, 4, false);
        CHECK(i == 1 || i == 3, "select chose case %d, which is not ready", i);
        counts[i]++;
        gort_recv(cases[i].ch, NULL);
    }
    CHECK(counts[1] > TRIALS / 2 - 1000 && counts[3] > TRIALS / 2 - 1000,
          "unfair: %ld vs %ld", counts[1], counts[3]);
    return 0;
}

int main(int argc, char **argv) { return gort_main(real_main, argc, argv); }
