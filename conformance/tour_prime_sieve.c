/* tour_prime_sieve: the concurrent prime sieve of Go's documentation: a
 * chain of filter goroutines, one per prime found; the first 200 primes.
 *
 * expect-exit: 0
 * expect-stdout: 2 3 5 7 11 13 17 19 23 29
 * expect-stdout: prime 200 is 1223
 * timeout: 120
 */
#include "check.h"
#include <gort.h>
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
    (void)argc, (void)argv;
    gort_chan *ch = gort_chan_make(sizeof(int), 0);
    gort_go(generate, ch);
    int prime = 0;
    for (int n = 1; n <= 200; n++) {
        gort_recv(ch, &prime);
        if (n <= 10)
            printf(n < 10 ? "%d " : "%d\n", prime);
        filter_args *f = malloc(sizeof *f);
        f->in = ch;
        f->out = gort_chan_make(sizeof(int), 0);
        f->prime = prime;
        gort_go(filter, f);
        ch = f->out;
    }
    printf("prime 200 is %d\n", prime);
    return 0;
}

int main(int argc, char **argv) { return gort_main(real_main, argc, argv); }
