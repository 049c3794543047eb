/* after_free_cancels_timer: freeing a gort_after channel before it fires
 * cancels its timer: it never touches the freed channel (ASan would see
 * that), and it no longer counts as pending, so a program that then blocks
 * forever is reported as deadlocked at once, not an hour later.
 *
 * expect-exit: 2
 * expect-stdout: freed
 * expect-stderr: fatal error: all goroutines are asleep - deadlock!
 * timeout: 30
 */
#include "check.h"
#include <gort.h>

static int real_main(int argc, char **argv) {
    (void)argc, (void)argv;
    for (int i = 0; i < 100; i++)
        gort_chan_free(gort_after(i % 2 ? 1000 : 3600LL * 1000000000));
    gort_sleep(5 * 1000000); /* short timers would have fired by now */
    printf("freed\n");
    gort_recv(gort_chan_make(0, 0), NULL);
    return 0;
}

int main(int argc, char **argv) { return gort_main(real_main, argc, argv); }
