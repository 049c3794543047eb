/* fp_env_per_goroutine: the floating-point rounding mode is a goroutine's
 * own, as it is a thread's own in C (the ABI makes the control bits of
 * MXCSR and the x87 control word callee-saved): main rounds upward while a
 * goroutine it started before rounds to nearest, and each keeps its mode
 * across a thousand hand-overs that switch between the two; and a goroutine
 * that rounds downward and then ends (a switch of its own kind) leaves
 * main's mode as it was.  Both kinds of register are checked: fegetround
 * reads the x87 control word on x86-64, and a double division uses the SSE
 * unit.
 *
 * expect-exit: 0
 */
#include "check.h"
#include <fenv.h>
#include <gort.h>

#define ROUNDS 1000

typedef struct {
    gort_chan *ping, *pong;
    double nearest; /* 1/3 rounded to nearest */
} shared;

static double third(void) {
    volatile double one = 1.0, three = 3.0; /* divided at run time */
    return one / three;
}

static void plain(void *p) {
    shared *s = p;
    int i;
    while (gort_recv(s->ping, &i)) {
        CHECK(fegetround() == FE_TONEAREST, "round %d: the goroutine's mode changed", i);
        CHECK(third() == s->nearest, "round %d: the goroutine's SSE rounding changed", i);
        gort_send(s->pong, &i);
    }
}

static void downward(void *done) {
    CHECK(fesetround(FE_DOWNWARD) == 0, "fesetround failed");
    int one = 1;
    gort_send(done, &one); /* main becomes runnable: our end switches to it */
}

static int real_main(int argc, char **argv) {
    (void)argc, (void)argv;
    shared s = {gort_chan_make(sizeof(int), 0), gort_chan_make(sizeof(int), 0), third()};
    gort_go(plain, &s);
    CHECK(fesetround(FE_UPWARD) == 0, "fesetround failed");
    double upward = third();
    CHECK(upward > s.nearest, "rounding upward did not change 1/3");
    for (int i = 0; i < ROUNDS; i++) {
        gort_send(s.ping, &i);
        gort_recv(s.pong, NULL);
        CHECK(fegetround() == FE_UPWARD, "round %d: main's mode changed", i);
        CHECK(third() == upward, "round %d: main's SSE rounding changed", i);
    }
    gort_close(s.ping);
    gort_chan *done = gort_chan_make(sizeof(int), 0);
    gort_go(downward, done);
    gort_recv(done, NULL);
    gort_chan_free(done);
    CHECK(fegetround() == FE_UPWARD, "a goroutine's exit changed main's mode");
    CHECK(third() == upward, "a goroutine's exit changed main's SSE rounding");
    fesetround(FE_TONEAREST);
    return 0;
}

int main(int argc, char **argv) { return gort_main(real_main, argc, argv); }
