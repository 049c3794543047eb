/* tour_pipeline: Go blog's pipeline: gen -> sq -> print, each stage a
 * goroutine closing its output when its input is drained.
 *
 * expect-exit: 0
 * expect-stdout: 4 9 16 25
 * expect-stdout: 1
 */
#include "check.h"
#include <gort.h>

typedef struct { gort_chan *in, *out; } stage;

static void gen(void *p) {
    stage *s = p;
    for (int n = 2; n <= 5; n++)
        gort_send(s->out, &n);
    gort_close(s->out);
}

static void sq(void *p) {
    stage *s = p;
    int n;
    while (gort_recv(s->in, &n)) {
        n *= n;
        gort_send(s->out, &n);
    }
    gort_close(s->out);
}

static int real_main(int argc, char **argv) {
    (void)argc, (void)argv;
    gort_chan *a = gort_chan_make(sizeof(int), 0), *b = gort_chan_make(sizeof(int), 0);
    stage s1 = {NULL, a}, s2 = {a, b};
    gort_go(gen, &s1);
    gort_go(sq, &s2);
    int v;
    const char *sep = "";
    while (gort_recv(b, &v)) {
        printf("%s%d", sep, v);
        sep = " ";
    }
    printf("\n");
    /* sq(sq(gen(1))) */
    gort_chan *c = gort_chan_make(sizeof(int), 1), *d = gort_chan_make(sizeof(int), 0),
              *e = gort_chan_make(sizeof(int), 0);
    int one = 1;
    gort_send(c, &one);
    gort_close(c);
    stage s3 = {c, d}, s4 = {d, e};
    gort_go(sq, &s3);
    gort_go(sq, &s4);
    while (gort_recv(e, &v))
        printf("%d\n", v);
    return 0;
}

int main(int argc, char **argv) { return gort_main(real_main, argc, argv); }
