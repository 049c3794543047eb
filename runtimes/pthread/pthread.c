/*
 * pthread.c -- the 1:1 backend: every goroutine is a detached OS thread.
 *
 * Parking is a futex binary semaphore per goroutine (g->state):
 *   RUNNING --park--> PARKED --ready--> RUNNING
 *   RUNNING --ready--> TOKEN --park--> RUNNING   (ready came first)
 * The readier counts the goroutine back into gort__units *before* it lets it
 * run, so the count can never dip to zero while a wake-up is in flight.
 * g structures are recycled, never freed, so a futex_wake that races with
 * the goroutine's exit touches valid memory (a spurious wake-up at worst).
 */
#include "../common/runtime.h"

#include <errno.h>
#include <pthread.h>
#include <sched.h>
#include <stdlib.h>
#include <string.h>

enum { G_RUNNING, G_TOKEN, G_PARKED };

struct gort_g {
    _Atomic uint32_t state;
    uint64_t id;
    void (*fn)(void *);
    void *arg;
    gort_g *next_free;
};

const char gort__backend_name[] = "pthread";

#ifdef GORT_SANITIZE
#define DEFAULT_STACK (1u << 20) /* the sanitizers' frames are large */
#else
#define DEFAULT_STACK (256u << 10)
#endif

static _Thread_local gort_g *cur;
static gort_g main_g;
static _Atomic uint64_t next_id = 1;
static pthread_attr_t attr;

static pthread_mutex_t free_mu = PTHREAD_MUTEX_INITIALIZER;
static gort_g *free_gs;

static gort_g *g_alloc(void) {
    pthread_mutex_lock(&free_mu);
    gort_g *g = free_gs;
    if (g)
        free_gs = g->next_free;
    pthread_mutex_unlock(&free_mu);
    if (!g && !(g = calloc(1, sizeof *g)))
        gort__fatal("out of memory allocating a goroutine");
    atomic_store_explicit(&g->state, G_RUNNING, memory_order_relaxed);
    g->id = atomic_fetch_add_explicit(&next_id, 1, memory_order_relaxed) + 1;
    return g;
}

static void g_release(gort_g *g) {
    pthread_mutex_lock(&free_mu);
    g->next_free = free_gs;
    free_gs = g;
    pthread_mutex_unlock(&free_mu);
}

gort_g *gort__current(void) { return cur; }
uint64_t gort__goid(void) { return cur ? cur->id : 0; }
int gort__procs(void) { return 0; }
void gort__yield(void) { sched_yield(); }

void gort__park(void) {
    gort_g *g = cur;
    uint32_t s = G_RUNNING;
    if (!atomic_compare_exchange_strong_explicit(&g->state, &s, G_PARKED, memory_order_acq_rel,
                                                 memory_order_acquire)) {
        /* A ready came first: consume its token. */
        atomic_store_explicit(&g->state, G_RUNNING, memory_order_relaxed);
        return;
    }
    gort__stat(GORT__STAT_PARKS, 1);
    gort__units_dec();
    while (atomic_load_explicit(&g->state, memory_order_acquire) == G_PARKED)
        gort__futex_wait(&g->state, G_PARKED, -1);
}

void gort__park_unlock(gort__lock *l, gort_g **self) {
    *self = cur;
    gort__lock_release(l);
    gort__park();
}

void gort__ready(gort_g *g) {
    uint32_t s = G_RUNNING;
    gort__stat(GORT__STAT_WAKEUPS, 1);
    if (atomic_compare_exchange_strong_explicit(&g->state, &s, G_TOKEN, memory_order_release,
                                                memory_order_acquire))
        return;
    GORT_ASSERT(s == G_PARKED);
    gort__units_inc();
    atomic_store_explicit(&g->state, G_RUNNING, memory_order_release);
    gort__futex_wake(&g->state, 1);
}

#ifdef __SANITIZE_THREAD__
/* ThreadSanitizer tracks at most 8128 live threads and runs out of shadow
 * mappings well before that with real stacks; say so instead of crashing. */
#define TSAN_MAX_LIVE 1000
static _Atomic int live;
#endif

static void *thread_main(void *p) {
    gort_g *g = p;
    cur = g;
    g->fn(g->arg);
    cur = NULL;
    g_release(g);
#ifdef __SANITIZE_THREAD__
    atomic_fetch_sub(&live, 1);
#endif
    gort__units_dec(); /* the last running goroutine leaving: deadlock */
    return NULL;
}

void gort__spawn(void (*fn)(void *), void *arg) {
    gort__units_inc(); /* the new goroutine counts before its spawner can park */
#ifdef __SANITIZE_THREAD__
    if (atomic_fetch_add(&live, 1) >= TSAN_MAX_LIVE)
        gort__unavailable("under ThreadSanitizer at most 1000 goroutines (threads) may be alive at once");
#endif
    gort_g *g = g_alloc();
    g->fn = fn;
    g->arg = arg;
    pthread_t t;
    int err = pthread_create(&t, &attr, thread_main, g);
    if (err)
        gort__die("pthread backend: cannot create a thread for a goroutine: %s "
                  "(1:1 goroutines are capped by kernel.threads-max, pid_max and memory)",
                  strerror(err));
}

int gort__backend_main(int (*main_fn)(int, char **), int argc, char **argv) {
    pthread_attr_init(&attr);
    pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
    size_t stack = gort__cfg.stack_size ? gort__cfg.stack_size : DEFAULT_STACK;
    if (pthread_attr_setstacksize(&attr, stack) != 0)
        gort__die("invalid GORT_STACK_SIZE=%zu for a thread stack", stack);
    main_g.id = 1;
    cur = &main_g;
    atomic_store(&gort__units, 1);
    return main_fn(argc, argv);
}
