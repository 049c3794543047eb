/* tour_timeout_select: Go by Example's timeouts: a result that comes too
 * late loses to time.After; one that comes in time wins.  The slow worker
 * waits until the timeout has fired, so the outcome does not depend on
 * scheduling luck.
 *
 * expect-exit: 0
 * expect-stdout: timeout 1
 * expect-stdout: result 2
 */
#include "check.h"
#include <gort.h>

static gort_chan *release;

static void slow(void *out) {
    gort_recv(release, NULL); /* only after main timed out */
    const char *r = "result 1";
    gort_send(out, &r);
}

static void fast(void *out) {
    const char *r = "result 2";
    gort_send(out, &r);
}

static const char *wait_for(gort_chan *c, int64_t timeout) {
    const char *r = NULL;
    gort_chan *t = gort_after(timeout);
    gort_case cases[2] = {{.ch = c, .op = GORT_RECV, .elem = &r}, {.ch = t, .op = GORT_RECV}};
    int k = gort_select(cases, 2, true);
    gort_chan_free(t);
    return k == 0 ? r : NULL;
}

static int real_main(int argc, char **argv) {
    (void)argc, (void)argv;
    release = gort_chan_make(0, 1);
    gort_chan *c1 = gort_chan_make(sizeof(char *), 1);
    gort_go(slow, c1);
    const char *r = wait_for(c1, 10 * 1000000);
    printf("%s\n", r ? r : "timeout 1");
    gort_send(release, NULL);

    gort_chan *c2 = gort_chan_make(sizeof(char *), 1);
    gort_go(fast, c2);
    r = wait_for(c2, 30LL * 1000000000);
    printf("%s\n", r ? r : "timeout 2");
    return 0;
}

int main(int argc, char **argv) { return gort_main(real_main, argc, argv); }
