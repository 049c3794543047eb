/* pipeline.c -- a three-stage pipeline: generate -> square -> add 1 -> sum,
 * each stage a goroutine over an unbuffered channel.
 * Usage: pipeline [n=1000000] */
#include <gort.h>
#include <stdio.h>
#include <stdlib.h>

typedef struct { gort_chan *in, *out; long n; } stage;

static void gen(void *p) {
    stage *s = p;
    for (long i = 0; i < s->n; i++)
        gort_send(s->out, &i);
    gort_close(s->out);
}

static void square(void *p) {
    stage *s = p;
    long v;
    while (gort_recv(s->in, &v)) {
        v = v * v;
        gort_send(s->out, &v);
    }
    gort_close(s->out);
}

static void inc(void *p) {
    stage *s = p;
    long v;
    while (gort_recv(s->in, &v)) {
        v = v + 1;
        gort_send(s->out, &v);
    }
    gort_close(s->out);
}

static int real_main(int argc, char **argv) {
    long n = argc > 1 ? atol(argv[1]) : 1000000;
    gort_chan *a = gort_chan_make(sizeof(long), 0), *b = gort_chan_make(sizeof(long), 0),
              *c = gort_chan_make(sizeof(long), 0);
    stage s1 = {NULL, a, n}, s2 = {a, b, n}, s3 = {b, c, n};
    gort_go(gen, &s1);
    gort_go(square, &s2);
    gort_go(inc, &s3);
    long v, sum = 0;
    while (gort_recv(c, &v))
        sum += v;
    printf("%ld\n", sum);
    return 0;
}

int main(int argc, char **argv) { return gort_main(real_main, argc, argv); }
