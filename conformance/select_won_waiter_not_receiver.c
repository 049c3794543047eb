/* select_won_waiter_not_receiver: a goroutine blocked in a select over two
 * channels stays queued on the one that did not wake it until it runs
 * again.  That leftover waiter is not a receiver: a send on its channel must
 * neither complete nor reach the select, whether the send is a select of
 * one case with default, one case of a non-blocking select, or one case of
 * a blocking select whose other case is ready.
 *
 * On the M:N backends the woken selector waits in main's worker until main
 * blocks, so each send below meets the leftover waiter (the case order is
 * random, so the mixed selects run several times); on pthread the selector
 * may have left already, and the same answers hold.
 */
#include "check.h"
#include <gort.h>

static gort_chan *c, *d, *done;
static int got_c, got_d, woke_by;

static void selector(void *arg) {
    (void)arg;
    gort_case k[2] = {{.ch = c, .op = GORT_RECV, .elem = &got_c},
                      {.ch = d, .op = GORT_RECV, .elem = &got_d}};
    woke_by = gort_select(k, 2, true);
    gort_send(done, NULL);
}

/* Start a selector, and wake it through d once it is blocked on c and d. */
static void leave_waiter_on_c(void) {
    got_c = got_d = woke_by = -1;
    gort_go(selector, NULL);
    int v = 7;
    gort_case kd = {.ch = d, .op = GORT_SEND, .elem = &v};
    while (gort_select(&kd, 1, false) != 0)
        gort_yield();
}

static void selector_woke_by_d(const char *after) {
    gort_recv(done, NULL);
    CHECK(woke_by == 1 && got_d == 7, "after %s: the selector woke by case %d with %d, want d with 7",
          after, woke_by, got_d);
    CHECK(got_c == -1, "after %s: a send on c reached the selector (%d)", after, got_c);
}

static int real_main(int argc, char **argv) {
    (void)argc, (void)argv;
    c = gort_chan_make(sizeof(int), 0);
    d = gort_chan_make(sizeof(int), 0);
    done = gort_chan_make(0, 1);
    gort_chan *e = gort_chan_make(sizeof(int), 1);
    int x = 42, y = 5, z;

    leave_waiter_on_c();
    gort_case one = {.ch = c, .op = GORT_SEND, .elem = &x};
    CHECK(gort_select(&one, 1, false) == -1, "a one-case send on c found a receiver");
    selector_woke_by_d("a one-case send");

    for (int round = 0; round < 30; round++) {
        leave_waiter_on_c();
        gort_case two[2] = {{.ch = c, .op = GORT_SEND, .elem = &x}, {.ch = e, .op = GORT_RECV, .elem = &z}};
        if (round % 3 == 0) { /* nothing ready: default */
            CHECK(gort_select(two, 2, false) == -1, "round %d: with e empty a select chose a case", round);
        } else { /* only e ready, without and with blocking */
            gort_send(e, &y);
            z = -1;
            int r = gort_select(two, 2, round % 3 == 2);
            CHECK(r == 1 && z == 5, "round %d: the select chose case %d (z = %d), want the receive from e",
                  round, r, z);
        }
        selector_woke_by_d("a two-case select");
    }
    puts("ok");
    return 0;
}

int main(int argc, char **argv) { return gort_main(real_main, argc, argv); }
