/* close_wakes_all_receivers: close wakes every goroutine blocked receiving,
 * each with ok == false and a zeroed value.
 *
 * expect-exit: 0
 * expect-stdout: woken 16
 */
#include "check.h"
#include <gort.h>
#include <stdatomic.h>

#define N 16
static atomic_int waiting, woken;
static gort_waitgroup *wg;

static void receiver(void *ch) {
    long v = -1;
    atomic_fetch_add(&waiting, 1);
    bool ok = gort_recv(ch, &v);
    CHECK(!ok && v == 0, "ok=%d v=%ld", ok, v);
    atomic_fetch_add(&woken, 1);
    gort_wg_done(wg);
}

static int real_main(int argc, char **argv) {
    (void)argc, (void)argv;
    gort_chan *ch = gort_chan_make(sizeof(long), 0);
    wg = gort_wg_make();
    gort_wg_add(wg, N);
    for (int i = 0; i < N; i++)
        gort_go(receiver, ch);
    while (atomic_load(&waiting) < N)
        gort_yield();
    gort_sleep(2000000); /* let them all block */
    gort_close(ch);
    gort_wg_wait(wg);
    printf("woken %d\n", atomic_load(&woken));
    return 0;
}

int main(int argc, char **argv) { return gort_main(real_main, argc, argv); }
