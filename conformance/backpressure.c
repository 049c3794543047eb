/* backpressure: a fast producer is never more than cap items ahead of a
 * slow consumer: after r receives, at most r + cap sends have completed.
 *
 * expect-exit: 0
 */
#include "check.h"
#include <gort.h>
#include <stdatomic.h>

#define CAP 4
#define N 400

static atomic_int sends_completed;

static void producer(void *ch) {
    for (int i = 0; i < N; i++) {
        gort_send(ch, &i);
        atomic_fetch_add(&sends_completed, 1);
    }
    gort_close(ch);
}

static int real_main(int argc, char **argv) {
    (void)argc, (void)argv;
    gort_chan *ch = gort_chan_make(sizeof(int), CAP);
    gort_go(producer, ch);
    int v, received = 0, max_ahead = 0;
    while (atomic_load(&sends_completed) < CAP) /* the producer fills the buffer ... */
        gort_yield();
    for (int i = 0; i < 20; i++) {              /* ... and then cannot go further */
        gort_sleep(100000);
        CHECK(atomic_load(&sends_completed) == CAP, "%d sends into cap %d with no receive",
              atomic_load(&sends_completed), CAP);
    }
    while (gort_recv(ch, &v)) {
        CHECK(v == received, "got %d want %d", v, received);
        received++;
        if (received % 10 == 0)
            gort_sleep(100000); /* slow consumer */
        else
            gort_yield();
        int ahead = atomic_load(&sends_completed) - received;
        CHECK(ahead <= CAP, "producer %d items ahead of the consumer, cap %d", ahead, CAP);
        if (ahead > max_ahead)
            max_ahead = ahead;
    }
    CHECK(received == N, "received %d", received);
    CHECK(max_ahead == CAP, "the producer never filled the buffer (max ahead %d)", max_ahead);
    return 0;
}

int main(int argc, char **argv) { return gort_main(real_main, argc, argv); }
