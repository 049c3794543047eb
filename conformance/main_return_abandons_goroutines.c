/* main_return_abandons_goroutines: when main returns, the program ends with
 * main's status, whatever the other goroutines are doing: blocked on a
 * channel, sleeping, or busy in a loop that yields.
 *
 * expect-exit: 3
 * expect-stdout: main done
 * timeout: 20
 */
#include "check.h"
#include <gort.h>
#include <stdatomic.h>

static atomic_int started;

static void blocked(void *ch) {
    atomic_fetch_add(&started, 1);
    gort_recv(ch, NULL);
    printf("blocked goroutine resumed\n");
}

static void spinner(void *arg) {
    (void)arg;
    atomic_fetch_add(&started, 1);
    for (;;)
        gort_yield();
}

static void sleeper(void *arg) {
    (void)arg;
    atomic_fetch_add(&started, 1);
    gort_sleep(3600LL * 1000000000);
    printf("sleeper resumed\n");
}

static int real_main(int argc, char **argv) {
    (void)argc, (void)argv;
    gort_chan *ch = gort_chan_make(0, 0);
    gort_go(blocked, ch);
    gort_go(spinner, NULL);
    gort_go(sleeper, NULL);
    while (atomic_load(&started) < 3)
        gort_yield();
    printf("main done\n");
    return 3;
}

int main(int argc, char **argv) { return gort_main(real_main, argc, argv); }
