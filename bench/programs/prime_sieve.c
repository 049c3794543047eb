/* prime_sieve.c -- the concurrent prime sieve: a chain of filter goroutines.
 * Usage: prime_sieve [primes=2000]; prints the last prime found. */
#include <gort.h>
#include <stdio.h>
#include <stdlib.h>

typedef struct { gort_chan *in, *out; int prime; } filter_args;

static void generate(void *ch) {
    for (int i = 2;; i++)
        gort_send(ch, &i);
}

static void filter(void *p) {
    filter_args *f = p;
    int i;
    for (;;) {
        gort_recv(f->in, &i);
        if (i % f->prime != 0)
            gort_send(f->out, &i);
    }
}

static int real_main(int argc, char **argv) {
    int n = argc > 1 ? atoi(argv[1]) : 2000;
    gort_chan *ch = gort_chan_make(sizeof(int), 0);
    gort_go(generate, ch);
    int prime = 0;
    for (int k = 0; k < n; k++) {
        gort_recv(ch, &prime);
        filter_args *f = malloc(sizeof *f);
        *f = (filter_args){ch, gort_chan_make(sizeof(int), 0), prime};
        gort_go(filter, f);
        ch = f->out;
    }
    printf("%d\n", prime);
    return 0;
}

int main(int argc, char **argv) { return gort_main(real_main, argc, argv); }
