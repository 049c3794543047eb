/* select_uniform_among_ready: with several cases ready, select picks each
 * with equal probability.  Like Go's TestSelectFairness, the bound is so
 * loose (over 10 standard deviations) that a fair select never fails it,
 * while one that favours the first ready case always does.
 *
 * expect-exit: 0
 */
#include "check.h"
#include <gort.h>

#define K 4
#define TRIALS 40000

static int real_main(int argc, char **argv) {
    (void)argc, (void)argv;
    gort_chan *ch[K];
    gort_case cases[K];
    int v = 0;
    for (int i = 0; i < K; i++) {
        ch[i] = gort_chan_make(sizeof(int), 1);
        gort_send(ch[i], &i);
        cases[i] = (gort_case){.ch = ch[i], .op = GORT_RECV, .elem = &v};
    }
    long counts[K] = {0};
    for (int t = 0; t < TRIALS; t++) {
        int i = gort_select(cases, K, true);
        CHECK(i >= 0 && i < K && v == i, "select returned %d with value %d", i, v);
        counts[i]++;
        gort_send(ch[i], &i); /* every case stays ready */
    }
    /* expected 10000 each, standard deviation ~87 */
    for (int i = 0; i < K; i++)
        CHECK(counts[i] > TRIALS / K - 1000 && counts[i] < TRIALS / K + 1000,
              "case %d chosen %ld times of %d (counts %ld %ld %ld %ld)", i, counts[i], TRIALS,
              counts[0], counts[1], counts[2], counts[3]);
    return 0;
}

int main(int argc, char **argv) { return gort_main(real_main, argc, argv); }
