/* select_blocked_wakes_right_case: a select blocked on several channels is
 * completed by whichever one becomes ready, with that case's index and value
 * and ok flag; its waiters on the others are withdrawn.
 *
 * expect-exit: 0
 */
#include "check.h"
#include <gort.h>

#define K 5
static gort_chan *ch[K];

typedef struct { int which; int value; bool close; } job;

static void fire(void *p) {
    job *j = p;
    gort_sleep(100000);
    if (j->close)
        gort_close(ch[j->which]);
    else
        gort_send(ch[j->which], &j->value);
}

static int real_main(int argc, char **argv) {
    (void)argc, (void)argv;
    for (int round = 0; round < 100; round++) {
        int vals[K];
        gort_case cases[K];
        for (int i = 0; i < K; i++) {
            ch[i] = gort_chan_make(sizeof(int), i % 2); /* mixed unbuffered and buffered */
            vals[i] = -1;
            cases[i] = (gort_case){.ch = ch[i], .op = GORT_RECV, .elem = &vals[i]};
        }
        job j = {.which = round % K, .value = round, .close = round % 10 == 9};
        gort_go(fire, &j);
        int k = gort_select(cases, K, true);
        CHECK(k == j.which, "round %d: select returned %d want %d", round, k, j.which);
        if (j.close)
            CHECK(!cases[k].ok && vals[k] == 0, "closed: ok=%d v=%d", cases[k].ok, vals[k]);
        else
            CHECK(cases[k].ok && vals[k] == round, "ok=%d v=%d", cases[k].ok, vals[k]);
        /* A probe send would meet a stale waiter: on an unbuffered channel
         * it would succeed, on a buffered one it would write into vals. */
        for (int i = 0; i < K; i++) {
            if (i == k)
                continue;
            int probe = 1;
            gort_case p = {.ch = ch[i], .op = GORT_SEND, .elem = &probe};
            CHECK(gort_select(&p, 1, false) == (i % 2 ? 0 : -1),
                  "a stale waiter is still queued on case %d", i);
            CHECK(vals[i] == -1, "case %d's value was written after the select returned", i);
        }
        for (int i = 0; i < K; i++)
            gort_chan_free(ch[i]);
    }
    return 0;
}

int main(int argc, char **argv) { return gort_main(real_main, argc, argv); }
