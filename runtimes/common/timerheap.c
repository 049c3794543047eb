/* timerheap.c -- see timerheap.h. */
#include "timerheap.h"
#include "runtime.h"

#include <stdlib.h>

static void put(gort__timerheap *h, size_t i, gort__timer *t) {
    h->a[i] = t;
    t->slot = (intptr_t)i;
}

static void sift_up(gort__timerheap *h, size_t i) {
    gort__timer *t = h->a[i];
    while (i > 0) {
        size_t p = (i - 1) / 2;
        if (h->a[p]->when <= t->when)
            break;
        put(h, i, h->a[p]);
        i = p;
    }
    put(h, i, t);
}

static void sift_down(gort__timerheap *h, size_t i) {
    gort__timer *t = h->a[i];
    for (;;) {
        size_t c = 2 * i + 1;
        if (c >= h->n)
            break;
        if (c + 1 < h->n && h->a[c + 1]->when < h->a[c]->when)
            c++;
        if (t->when <= h->a[c]->when)
            break;
        put(h, i, h->a[c]);
        i = c;
    }
    put(h, i, t);
}

void gort__theap_push(gort__timerheap *h, gort__timer *t) {
    if (h->n == h->cap) {
        size_t cap = h->cap ? 2 * h->cap : 64;
        gort__timer **a = realloc(h->a, cap * sizeof *a);
        if (!a)
            gort__fatal("out of memory growing the timer heap");
        h->a = a;
        h->cap = cap;
    }
    put(h, h->n++, t);
    sift_up(h, h->n - 1);
}

void gort__theap_remove(gort__timerheap *h, gort__timer *t) {
    size_t i = (size_t)t->slot;
    gort__timer *last = h->a[--h->n];
    if (i == h->n)
        return;
    put(h, i, last);
    sift_down(h, i);
    sift_up(h, (size_t)last->slot);
}
