/*
 * timer.c -- the pthread backend's timers: one timer thread over the common
 * heap, sleeping on a condition variable until the earliest deadline.
 * Callbacks run with `mu` held, so gort__timer_stop never has to wait for a
 * callback in flight: once it holds `mu`, t is either pending or done.
 */
#include "../common/runtime.h"
#include "../common/timerheap.h"

#include <pthread.h>
#include <time.h>

static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t cond;
static gort__timerheap heap;
static pthread_once_t once = PTHREAD_ONCE_INIT;

static void *timer_thread(void *unused) {
    (void)unused;
    pthread_mutex_lock(&mu);
    for (;;) {
        gort__timer *t = gort__theap_min(&heap);
        if (!t) {
            pthread_cond_wait(&cond, &mu);
            continue;
        }
        int64_t now = gort_nanotime();
        if (t->when > now) {
            struct timespec ts = {.tv_sec = t->when / 1000000000, .tv_nsec = t->when % 1000000000};
            pthread_cond_timedwait(&cond, &mu, &ts);
            continue;
        }
        gort__theap_remove(&heap, t);
        atomic_store_explicit(&t->state, GORT__TIMER_DONE, memory_order_relaxed);
        gort__timer_fire(t);
    }
    return NULL;
}

static void start_thread(void) {
    pthread_condattr_t ca;
    pthread_condattr_init(&ca);
    pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
    pthread_cond_init(&cond, &ca);
    pthread_attr_t attr;
    pthread_attr_init(&attr);
    pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
    pthread_t th;
    if (pthread_create(&th, &attr, timer_thread, NULL) != 0)
        gort__die("pthread backend: cannot start the timer thread");
}

void gort__timer_start(gort__timer *t) {
    pthread_once(&once, start_thread);
    pthread_mutex_lock(&mu);
    atomic_store_explicit(&t->state, GORT__TIMER_PENDING, memory_order_relaxed);
    gort__theap_push(&heap, t);
    if (gort__theap_min(&heap) == t)
        pthread_cond_signal(&cond);
    pthread_mutex_unlock(&mu);
}

bool gort__timer_stop(gort__timer *t) {
    pthread_mutex_lock(&mu);
    bool pending = atomic_load_explicit(&t->state, memory_order_relaxed) == GORT__TIMER_PENDING;
    if (pending) {
        gort__theap_remove(&heap, t);
        atomic_store_explicit(&t->state, GORT__TIMER_IDLE, memory_order_relaxed);
    }
    pthread_mutex_unlock(&mu);
    return pending;
}
