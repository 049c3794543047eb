/* close_ends_range_loop: for v := range ch ends when the sender closes.
 *
 * expect-exit: 0
 * expect-stdout: sum 45 count 10
 */
#include "check.h"
#include <gort.h>

static void producer(void *ch) {
    for (int i = 0; i < 10; i++)
        gort_send(ch, &i);
    gort_close(ch);
}

static int real_main(int argc, char **argv) {
    (void)argc, (void)argv;
    gort_chan *ch = gort_chan_make(sizeof(int), 0);
    gort_go(producer, ch);
    int v, sum = 0, n = 0;
    while (gort_recv(ch, &v)) {
        sum += v;
        n++;
    }
    printf("sum %d count %d\n", sum, n);
    return 0;
}

int main(int argc, char **argv) { return gort_main(real_main, argc, argv); }
