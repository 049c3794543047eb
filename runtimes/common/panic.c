/*
 * panic.c -- panics, fatal errors, deadlock detection, random numbers.
 *
 * Deadlock detection is exact: gort__units counts the pending timers plus
 * what can still run (goroutines not parked on pthread, workers not asleep
 * on M:N; backend.h).  A waker is itself counted (it is running, or it is a
 * firing timer whose unit is released only after its callback), so the count
 * can reach zero only when nothing can ever wake anybody again.
 */
#include "runtime.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

_Atomic int64_t gort__units GORT_OWN_LINE;

void gort__flush_and_stats(void) {
    fflush(stdout);
    gort__stats_print();
    fflush(stderr);
}

static _Noreturn void die_status(int status) {
    gort__flush_and_stats();
    _exit(status);
}

void gort_panic(const char *msg) {
    fflush(stdout);
    fprintf(stderr, "panic: %s\n\ngoroutine %llu [running]:\n(gort %s backend)\n", msg ? msg : "nil",
            (unsigned long long)gort__goid(), gort__backend_name);
    die_status(2);
}

void gort__fatal(const char *msg) {
    fflush(stdout);
    fprintf(stderr, "fatal error: %s\n", msg);
    die_status(2);
}

void gort__die(const char *fmt, ...) {
    va_list ap;
    fflush(stdout);
    fputs("gort: ", stderr);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
    die_status(2);
}

void gort__unavailable(const char *reason) {
    fprintf(stderr, "gort: %s backend unavailable: %s\n", gort__backend_name, reason);
    fflush(stderr);
    _exit(77);
}

void gort__units_dec(void) {
    if (atomic_fetch_sub_explicit(&gort__units, 1, memory_order_acq_rel) == 1)
        gort__fatal("all goroutines are asleep - deadlock!");
}

void gort__block_forever(void) {
    for (;;)
        gort__park(); /* nobody holds a waiter for us: the park never returns */
}

/* wyrand (Go's cheaprand64 on 64-bit machines), one state per thread: an
 * add carries the state from one call to the next, so calls do not wait on
 * each other, and the mix is one wide multiply.  noinline so that M:N code
 * never keeps a thread-local address across a context switch that moved
 * it to another worker. */
static _Thread_local uint64_t rand_state;

static GORT_NOINLINE uint64_t rand_seed(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_nsec ^ ((uint64_t)ts.tv_sec << 32) ^ (uint64_t)(uintptr_t)&rand_state;
}

GORT_NOINLINE uint64_t gort__fastrand64(void) {
    uint64_t x = rand_state;
    if (GORT_UNLIKELY(x == 0))
        x = rand_seed();
    x += 0xa0761d6478bd642fULL;
    rand_state = x;
    __extension__ unsigned __int128 m = (unsigned __int128)x * (x ^ 0xe7037ed1a0b428dbULL);
    return (uint64_t)(m >> 64) ^ (uint64_t)m;
}

uint32_t gort__fastrand(void) { return (uint32_t)(gort__fastrand64() >> 32); }

/* Lemire's multiply-shift: uniform enough for n far below 2^32. */
uint32_t gort__fastrandn(uint32_t n) { return (uint32_t)(((gort__fastrand64() >> 32) * n) >> 32); }
