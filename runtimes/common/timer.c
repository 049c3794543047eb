/*
 * timer.c -- gort_sleep and gort_after over the backend's one-shot timers,
 * with the deadlock accounting: a pending timer holds one unit (runtime.h),
 * released only after its callback has run, so whoever it wakes is counted
 * before the timer stops being counted.
 */
#include "runtime.h"

#include <stdlib.h>
#include <time.h>

int64_t gort_nanotime(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

void gort__timer_arm(gort__timer *t) {
    gort__units_inc();
    gort__timer_start(t);
}

bool gort__timer_disarm(gort__timer *t) {
    if (!gort__timer_stop(t))
        return false;
    gort__units_dec();
    return true;
}

void gort__timer_fire(gort__timer *t) {
    t->fn(t); /* may free t (a sleeper returns): t is not touched after */
    gort__units_dec();
}

static int64_t deadline(int64_t ns) {
    int64_t now = gort_nanotime();
    return ns > INT64_MAX - now ? INT64_MAX : now + ns;
}

static void sleep_fire(gort__timer *t) { gort__ready(t->arg); }

void gort_sleep(int64_t ns) {
    if (ns <= 0)
        return;
    gort__timer t = {.when = deadline(ns), .fn = sleep_fire, .arg = gort__current()};
    gort__timer_arm(&t);
    gort__park();
}

static void after_fire(gort__timer *t) {
    int64_t now = gort_nanotime();
    gort__chan_trysend(t->arg, &now); /* capacity 1, sent once: never full */
}

gort_chan *gort_after(int64_t ns) {
    gort_chan *c = gort_chan_make(sizeof(int64_t), 1);
    gort__timer *t = calloc(1, sizeof *t);
    if (!t)
        gort__fatal("out of memory in gort_after");
    t->when = deadline(ns > 0 ? ns : 0);
    t->fn = after_fire;
    t->arg = c;
    gort__chan_set_timer(c, t);
    gort__timer_arm(t);
    return c;
}
