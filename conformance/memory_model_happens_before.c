/* memory_model_happens_before: the Go memory model's channel and WaitGroup
 * rules, with plain (non-atomic) data, so that ThreadSanitizer reports a race
 * wherever the runtime fails to order the accesses:
 *   - a send happens before the matching receive completes;
 *   - a close happens before a receive that returns because of it;
 *   - the k-th receive on a channel of capacity C happens before the
 *     (k+C)-th send completes (a buffered channel as a semaphore);
 *   - everything before gort_wg_done happens before gort_wg_wait returns.
 *
 * expect-exit: 0
 * expect-stdout: ok
 */
#include "check.h"
#include <gort.h>

#define C 3
static int msg_data[100];
static int closed_data;
static int sem_data; /* guarded by the semaphore of capacity 1 */
static int wg_data[8];
static gort_chan *ch, *closing, *sem;
static gort_waitgroup *wg;

static void sender(void *arg) {
    (void)arg;
    for (int i = 0; i < 100; i++) {
        msg_data[i] = i * 3; /* written before the send */
        gort_send(ch, &i);
    }
    closed_data = 42;
    gort_close(closing);
}

static void sem_user(void *arg) {
    (void)arg;
    for (int i = 0; i < 1000; i++) {
        gort_send(sem, NULL); /* acquire: the (k+1)-th send waits for the k-th receive */
        sem_data++;
        gort_recv(sem, NULL); /* release */
    }
    gort_wg_done(wg);
}

static void wg_writer(void *arg) {
    int i = (int)(intptr_t)arg;
    wg_data[i] = i + 1;
    gort_wg_done(wg);
}

static int real_main(int argc, char **argv) {
    (void)argc, (void)argv;
    ch = gort_chan_make(sizeof(int), C);
    closing = gort_chan_make(0, 0);
    gort_go(sender, NULL);
    for (int k = 0; k < 100; k++) {
        int i;
        gort_recv(ch, &i);
        CHECK(msg_data[i] == i * 3, "message %d", i);
    }
    CHECK(!gort_recv(closing, NULL), "closed");
    CHECK(closed_data == 42, "write before close not visible");

    sem = gort_chan_make(0, 1);
    wg = gort_wg_make();
    gort_wg_add(wg, 4);
    for (int i = 0; i < 4; i++)
        gort_go(sem_user, NULL);
    gort_wg_wait(wg);
    CHECK(sem_data == 4000, "sem_data %d", sem_data);

    gort_wg_add(wg, 8);
    for (int i = 0; i < 8; i++)
        gort_go(wg_writer, (void *)(intptr_t)i);
    gort_wg_wait(wg);
    for (int i = 0; i < 8; i++)
        CHECK(wg_data[i] == i + 1, "wg_data[%d]", i);
    printf("ok\n");
    return 0;
}

int main(int argc, char **argv) { return gort_main(real_main, argc, argv); }
