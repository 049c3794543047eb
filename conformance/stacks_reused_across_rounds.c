/* stacks_reused_across_rounds: the stacks of goroutines that ended are used
 * again.  100 rounds each run 200 goroutines alive at once (all blocked on
 * one channel, released by its close), and each records the page its frame
 * is on.  Over the 20,000 goroutines at most 2 * 200 + 512 distinct pages
 * may appear: the peak alive, plus the free stacks a runtime keeps cached
 * per worker and carves ahead in batches (under ThreadSanitizer, where a
 * fiber costs milliseconds to make, 20 rounds of 50).  A runtime that lost free stacks
 * on their way back (a worker's cache dropped, or part of a batch taken
 * from the shared free list and not kept) makes new ones round after round,
 * and its memory grows with every goroutine ever spawned.
 *
 * expect-exit: 0
 * expect-stdout: every goroutine ran, on few enough stacks
 * backends: ucontext asm uring
 * timeout: 60
 */
#include "check.h"
#include <gort.h>
#include <stdint.h>
#include <stdlib.h>

#if defined(__SANITIZE_THREAD__) /* a fiber costs milliseconds to make there */
#define ALIVE 50
#define ROUNDS 20
#else
#define ALIVE 200
#define ROUNDS 100
#endif
#define MAX_STACKS (2 * ALIVE + 512)

static uintptr_t page_of[ROUNDS * ALIVE];
static gort_waitgroup *started, *finished;
static gort_chan *gate;

static void record(void *slot) {
    /* the frame itself, not a variable's address (ASan may move those) */
    *(uintptr_t *)slot = (uintptr_t)__builtin_frame_address(0) >> 12;
    gort_wg_done(started);
    gort_recv(gate, NULL);
    gort_wg_done(finished);
}

static int by_value(const void *a, const void *b) {
    uintptr_t x = *(const uintptr_t *)a, y = *(const uintptr_t *)b;
    return (x > y) - (x < y);
}

static int real_main(int argc, char **argv) {
    (void)argc, (void)argv;
    started = gort_wg_make();
    finished = gort_wg_make();
    for (int r = 0; r < ROUNDS; r++) {
        gate = gort_chan_make(0, 0);
        gort_wg_add(started, ALIVE);
        gort_wg_add(finished, ALIVE);
        for (int i = 0; i < ALIVE; i++)
            gort_go(record, &page_of[r * ALIVE + i]);
        gort_wg_wait(started); /* all ALIVE of this round are alive now */
        gort_close(gate);
        gort_wg_wait(finished);
        gort_chan_free(gate);
    }
    qsort(page_of, ROUNDS * ALIVE, sizeof page_of[0], by_value);
    int distinct = 0;
    for (int i = 0; i < ROUNDS * ALIVE; i++) {
        CHECK(page_of[i] != 0, "every goroutine recorded its page");
        distinct += i == 0 || page_of[i] != page_of[i - 1];
    }
    CHECK(distinct >= ALIVE, "%d distinct stack pages for %d goroutines alive at once", distinct,
          ALIVE);
    CHECK(distinct <= MAX_STACKS, "%d goroutines ran on %d distinct stack pages, want at most %d",
          ROUNDS * ALIVE, distinct, MAX_STACKS);
    printf("every goroutine ran, on few enough stacks\n");
    return 0;
}

int main(int argc, char **argv) { return gort_main(real_main, argc, argv); }
