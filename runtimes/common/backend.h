/*
 * backend.h -- the one internal interface every backend implements.
 *
 * The channel, select, timer-channel, WaitGroup and Mutex code in
 * runtimes/common/ is written once against these functions; everything a
 * backend does differently (threads, context switches, idle parking, timers)
 * lives behind them in runtimes/<backend>/.  The Makefile picks the
 * implementation; there are no function-pointer tables.
 *
 * Parking protocol (a binary semaphore per goroutine):
 *   gort__park() blocks the calling goroutine until some gort__ready(g) for
 *   it.  A ready that arrives before the park (the waker dequeued our waiter
 *   while we were still unlocking) is remembered, and the park returns at
 *   once.  Callers therefore publish a waiter under a lock, drop the lock,
 *   then park; wakers dequeue under the lock, drop it, then ready.  Each
 *   enqueued waiter is readied exactly once.
 *
 * Deadlock accounting: the backend keeps gort__units (runtime.h) exact, +1
 * while a timer is pending, plus what can still run: on pthread +1 while a
 * goroutine is not parked (the park that takes it to zero reports the
 * deadlock); on the M:N backends +1 while a worker is not committed to sleep
 * (sched.c's go_idle), so channel operations never touch the counter.
 */
#ifndef GORT_BACKEND_H
#define GORT_BACKEND_H

#include <stdbool.h>
#include <stdint.h>

typedef struct gort_g gort_g; /* a goroutine; defined by the backend */

/* A one-shot timer.  fn runs once, at or after `when`, in some runtime
 * context (a timer thread, a worker's scheduler); it must not block. */
typedef struct gort__timer {
    int64_t when;
    void (*fn)(struct gort__timer *t);
    void *arg;
    /* backend-private */
    _Atomic int state; /* GORT__TIMER_* */
    intptr_t slot;     /* heap index or ring user data */
    void *owner;       /* backend bookkeeping (e.g. the ring it is armed on) */
} gort__timer;

enum { GORT__TIMER_IDLE, GORT__TIMER_PENDING, GORT__TIMER_FIRING, GORT__TIMER_DONE };

extern const char gort__backend_name[];

int gort__backend_main(int (*main_fn)(int, char **), int argc, char **argv);
void gort__spawn(void (*fn)(void *), void *arg);
gort_g *gort__current(void);
uint64_t gort__goid(void);
void gort__park(void);
/* Park with l held (the lock under which our waiter was published); l is
 * released once the goroutine is parked, so its waker never races the park
 * (Go's gopark with an unlock function).  A backend may release it first
 * and gort__park.  *self (the waiter's goroutine, which its waker readies)
 * is set to the parking goroutine before l is released: the backend has it
 * at hand, and a separate gort__current call was 16 instructions of a
 * ping-pong round trip. */
struct gort__lock;
void gort__park_unlock(struct gort__lock *l, gort_g **self);
void gort__ready(gort_g *g);
void gort__yield(void);
int gort__procs(void);

void gort__timer_start(gort__timer *t); /* arms t at t->when */
bool gort__timer_stop(gort__timer *t);  /* true: disarmed before firing; on return fn is not running */

#endif
