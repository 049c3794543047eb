/* nil_channel_blocks_forever: a send or receive on a nil channel never
 * completes; the rest of the program carries on.
 *
 * expect-exit: 0
 * expect-stdout: main carried on
 */
#include "check.h"
#include <gort.h>
#include <stdatomic.h>

static atomic_int passed;

static void nil_send(void *arg) {
    (void)arg;
    int v = 1;
    gort_send(NULL, &v);
    atomic_store(&passed, 1);
}

static void nil_recv(void *arg) {
    (void)arg;
    gort_recv(NULL, NULL);
    atomic_store(&passed, 1);
}

static int real_main(int argc, char **argv) {
    (void)argc, (void)argv;
    gort_go(nil_send, NULL);
    gort_go(nil_recv, NULL);
    for (int i = 0; i < 20; i++) {
        gort_sleep(500000);
        CHECK(!atomic_load(&passed), "an operation on a nil channel completed");
    }
    printf("main carried on\n");
    return 0;
}

int main(int argc, char **argv) { return gort_main(real_main, argc, argv); }
