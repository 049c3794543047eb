/* elem_256_bytes_intact: 256-byte values pass through buffered and
 * unbuffered channels, direct handoff and select, byte for byte.
 *
 * expect-exit: 0
 */
#include "check.h"
#include <gort.h>

typedef struct { unsigned char b[256]; } big;

static void fill(big *v, int seed) {
    for (int i = 0; i < 256; i++)
        v->b[i] = (unsigned char)(seed * 31 + i * 7);
}

static void check_big(const big *v, int seed) {
    big want;
    fill(&want, seed);
    CHECK(memcmp(v, &want, sizeof want) == 0, "value %d corrupted", seed);
}

static void producer(void *ch) {
    for (int i = 0; i < 500; i++) {
        big v;
        fill(&v, i);
        if (i % 2) {
            gort_send(ch, &v);
        } else {
            gort_case k = {.ch = ch, .op = GORT_SEND, .elem = &v};
            gort_select(&k, 1, true);
        }
    }
    gort_close(ch);
}

static int real_main(int argc, char **argv) {
    (void)argc, (void)argv;
    size_t caps[3] = {0, 1, 7};
    for (int c = 0; c < 3; c++) {
        gort_chan *ch = gort_chan_make(sizeof(big), caps[c]);
        gort_go(producer, ch);
        big v;
        int i = 0;
        for (;;) {
            bool ok;
            if (i % 3 == 0) {
                gort_case k = {.ch = ch, .op = GORT_RECV, .elem = &v};
                gort_select(&k, 1, true);
                ok = k.ok;
            } else {
                ok = gort_recv(ch, &v);
            }
            if (!ok)
                break;
            check_big(&v, i++);
        }
        CHECK(i == 500, "cap %zu: %d values", caps[c], i);
        gort_chan_free(ch);
    }
    return 0;
}

int main(int argc, char **argv) { return gort_main(real_main, argc, argv); }
