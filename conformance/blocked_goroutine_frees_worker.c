/* blocked_goroutine_frees_worker: a goroutine blocked on a channel, a
 * WaitGroup, a Mutex or a sleep gives its worker to the others: with one
 * worker, a chain of goroutines each waiting on the next still completes.
 *
 * expect-exit: 0
 * expect-stdout: chain of 50 done
 * env: GORT_PROCS=1
 */
#include "check.h"
#include <gort.h>
#include <stdlib.h>

typedef struct link { gort_chan *in, *out; int kind; } link;
static gort_mutex *mu;

static void stage(void *p) {
    link *l = p;
    int v;
    switch (l->kind % 3) { /* block in different ways before passing on */
    case 0: gort_sleep(10000); break;
    case 1: gort_mutex_lock(mu); gort_mutex_unlock(mu); break;
    default: break;
    }
    gort_recv(l->in, &v);
    v++;
    gort_send(l->out, &v);
}

static int real_main(int argc, char **argv) {
    (void)argc, (void)argv;
    mu = gort_mutex_make();
    gort_mutex_lock(mu); /* stages of kind 1 block on it until main lets go */
    gort_chan *first = gort_chan_make(sizeof(int), 0), *in = first;
    for (int i = 0; i < 50; i++) {
        link *l = malloc(sizeof *l);
        *l = (link){in, gort_chan_make(sizeof(int), 0), i};
        gort_go(stage, l);
        in = l->out;
    }
    gort_sleep(1000000);
    gort_mutex_unlock(mu);
    int v = 0;
    gort_send(first, &v);
    gort_recv(in, &v);
    CHECK(v == 50, "v=%d", v);
    printf("chain of %d done\n", v);
    return 0;
}

int main(int argc, char **argv) { return gort_main(real_main, argc, argv); }
