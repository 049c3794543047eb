/* unbuffered_handshake_order: a producer sends 10 then 20 on an unbuffered
 * channel; main receives them in order, and the producer cannot complete
 * its second send before main's second receive (a send is a handshake).
 *
 * expect-exit: 0
 * expect-stdout: 10
 * expect-stdout: 20
 */
#include "check.h"
#include <gort.h>
#include <stdatomic.h>

static gort_chan *ch, *done;
static atomic_int sends_completed;

static void producer(void *arg) {
    (void)arg;
    int v = 10;
    gort_send(ch, &v);
    atomic_store(&sends_completed, 1);
    v = 20;
    gort_send(ch, &v);
    atomic_store(&sends_completed, 2);
    gort_send(done, NULL);
}

static int real_main(int argc, char **argv) {
    (void)argc, (void)argv;
    ch = gort_chan_make(sizeof(int), 0);
    done = gort_chan_make(0, 0);
    gort_go(producer, NULL);
    int v;
    gort_recv(ch, &v);
    printf("%d\n", v);
    /* Give the producer every chance to run ahead; it must stay blocked. */
    for (int i = 0; i < 50; i++) {
        gort_sleep(200000);
        CHECK(atomic_load(&sends_completed) < 2, "second send completed before the second receive");
    }
    gort_recv(ch, &v);
    printf("%d\n", v);
    gort_recv(done, NULL);
    CHECK(atomic_load(&sends_completed) == 2, "producer did not finish");
    return 0;
}

int main(int argc, char **argv) { return gort_main(real_main, argc, argv); }
