/* tour_producer_consumer: the tour's Fibonacci producer closes its channel;
 * the consumer ranges over it.
 *
 * expect-exit: 0
 * expect-stdout: 0 1 1 2 3 5 8 13 21 34
 */
#include "check.h"
#include <gort.h>

static void fibonacci(void *ch) {
    long x = 0, y = 1;
    for (size_t i = 0; i < gort_chan_cap(ch); i++) {
        gort_send(ch, &x);
        long t = x + y;
        x = y;
        y = t;
    }
    gort_close(ch);
}

static int real_main(int argc, char **argv) {
    (void)argc, (void)argv;
    gort_chan *c = gort_chan_make(sizeof(long), 10);
    gort_go(fibonacci, c);
    long v;
    const char *sep = "";
    while (gort_recv(c, &v)) {
        printf("%s%ld", sep, v);
        sep = " ";
    }
    printf("\n");
    return 0;
}

int main(int argc, char **argv) { return gort_main(real_main, argc, argv); }
