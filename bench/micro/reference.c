/* reference.c -- what the backends' costs should be made of, measured by
 * the same binary in the same run: the 1:1 backend's spawn should cost about
 * a pthread_create + pthread_join, and a ucontext switch about one
 * rt_sigprocmask syscall more than an asm switch. */
#include "par.h"

#include <pthread.h>
#include <signal.h>

static void *nothing(void *arg) { return arg; }

static void BM_RefPthreadCreateJoin(gbench_state *st) {
    while (gbench_keep_running(st)) {
        pthread_t t;
        pthread_create(&t, NULL, nothing, NULL);
        pthread_join(t, NULL);
    }
}
BENCH("Ref/PthreadCreateJoin", BM_RefPthreadCreateJoin)

static void BM_RefSigprocmask(gbench_state *st) {
    sigset_t old;
    while (gbench_keep_running(st))
        pthread_sigmask(SIG_SETMASK, NULL, &old); /* what swapcontext does once per switch */
}
BENCH("Ref/Sigprocmask", BM_RefSigprocmask)

/* ---- the context-switch limits ------------------------------------------------
 * A round trip between two bare contexts (two switches), against which the
 * M:N backends' own round trips are read: ucontext's PingPong against two
 * bare swapcontext calls, asm's Yield against two bare register swaps (the
 * very switch of runtimes/asm, built here a second time under other names
 * by the Makefile, with nothing of the scheduler around it). */
#include <ucontext.h>

static ucontext_t uc_main, uc_peer;
static void uc_peer_loop(void) {
    for (;;)
        swapcontext(&uc_peer, &uc_main);
}

static void BM_RefSwapcontextPair(gbench_state *st) {
    static char stack[64 << 10];
    getcontext(&uc_peer);
    uc_peer.uc_stack.ss_sp = stack;
    uc_peer.uc_stack.ss_size = sizeof stack;
    uc_peer.uc_link = NULL;
    makecontext(&uc_peer, uc_peer_loop, 0);
    while (gbench_keep_running(st))
        swapcontext(&uc_main, &uc_peer);
}
BENCH("Ref/SwapcontextPair", BM_RefSwapcontextPair)

typedef struct ref_ctx { void *sp; } ref_ctx;
void ref_ctx_make(ref_ctx *c, void *lo, size_t size, ref_ctx *(*entry)(void));
void ref_ctx_switch(ref_ctx *from, ref_ctx *to);
const char *ref_ctx_unavailable(void);

static ref_ctx rc_main, rc_peer;
static char rc_stack[64 << 10] __attribute__((aligned(16)));

/* Whether this CPU has the register switch; if not, the benchmark is
 * skipped with the reason. */
static bool rc_available(gbench_state *st) {
    const char *why = ref_ctx_unavailable();
    if (why)
        gbench_skip_with_error(st, why);
    return !why;
}

static ref_ctx *rc_peer_loop(void) {
    for (;;)
        ref_ctx_switch(&rc_peer, &rc_main);
    return NULL; /* never: the pair switches back and forth for good */
}

static void BM_RefRegisterSwapPair(gbench_state *st) {
    if (!rc_available(st))
        return;
    ref_ctx_make(&rc_peer, rc_stack, sizeof rc_stack, rc_peer_loop);
    while (gbench_keep_running(st))
        ref_ctx_switch(&rc_main, &rc_peer);
}
BENCH("Ref/RegisterSwapPair", BM_RefRegisterSwapPair)

/* Ref/StartContextPair: make a bare context, switch into it, and have it
 * end at once (its entry returns the context to resume): the least a spawn
 * and wait costs in switching.  Unlike the pair above, whose two sides
 * switch from different call sites and so each resume with a mispredicted
 * return, nothing here is mispredicted, as in the scheduler (ctx.h). */
static ref_ctx rc_fresh;
static ref_ctx *rc_end_at_once(void) { return &rc_main; }

static void BM_RefStartContextPair(gbench_state *st) {
    if (!rc_available(st))
        return;
    while (gbench_keep_running(st)) {
        ref_ctx_make(&rc_fresh, rc_stack, sizeof rc_stack, rc_end_at_once);
        ref_ctx_switch(&rc_main, &rc_fresh);
    }
}
BENCH("Ref/StartContextPair", BM_RefStartContextPair)

/* ---- the floors of the channel and select targets ----------------------------
 * Ref/LockUnlock: one uncontended take and release of a lock shaped as
 * gort's (a locked compare-and-swap, then a release store).  While other
 * workers run, any channel that is safe for many senders and receivers
 * pays one locked instruction per operation (a lock, or a lock-free queue's
 * CAS), so two per item.
 * Ref/SoloLockUnlock: the same lock taken as gort takes it while its worker
 * is the only one awake: the restartable sequence of solo.h (check the
 * count of awake workers, compare, store), then a release store.
 * Ref/ContendedLock: the same, two threads on one lock at once: the price
 * of the cache line moving between cores, per take (a reference for the
 * contended benchmarks, not a floor: their workers often take a lock
 * several times while the line stays in one core).
 * Ref/EmptyCall4: four calls of an out-of-line function with a select's
 * arguments, doing nothing: SelectNonblock's four selects through the ABI. */
static _Atomic uint32_t ref_lock __attribute__((aligned(64)));
static int64_t ref_counter;

static inline void ref_lock_unlock(void) {
    uint32_t z = 0;
    while (!atomic_compare_exchange_weak_explicit(&ref_lock, &z, 1, memory_order_acquire,
                                                  memory_order_relaxed))
        z = 0;
    ref_counter++;
    atomic_store_explicit(&ref_lock, 0, memory_order_release);
}

static void BM_RefLockUnlock(gbench_state *st) {
    int64_t n = gbench_max_iterations(st);
    while (gbench_keep_running_batch(st, n))
        for (int64_t i = 0; i < n; i++)
            ref_lock_unlock();
}
BENCH("Ref/LockUnlock", BM_RefLockUnlock)

#if defined(__x86_64__) && !defined(__SANITIZE_THREAD__)
#define GORT_OWN_LINE __attribute__((aligned(64)))
#include "../../runtimes/common/solo.h"

static _Atomic int ref_awake GORT_OWN_LINE = 1;

static inline bool ref_solo_cas(_Atomic uint32_t *p, uint32_t old, uint32_t new_) {
    GORT__SOLO_CAS_BODY((uint32_t *)p, old, new_, ref_awake);
    return true;
no:
    return false;
}

static void BM_RefSoloLockUnlock(gbench_state *st) {
    int64_t n = gbench_max_iterations(st);
    while (gbench_keep_running_batch(st, n))
        for (int64_t i = 0; i < n; i++) {
            while (!ref_solo_cas(&ref_lock, 0, 1))
                ; /* the kernel restarted the sequence (preemption) */
            ref_counter++;
            atomic_store_explicit(&ref_lock, 0, memory_order_release);
        }
}
#else
static void BM_RefSoloLockUnlock(gbench_state *st) {
    gbench_skip_with_error(st,
                           "no restartable sequence here (x86-64 only, not under ThreadSanitizer)");
}
#endif
BENCH("Ref/SoloLockUnlock", BM_RefSoloLockUnlock)

static void *lock_half(void *arg) {
    int64_t n = *(int64_t *)arg;
    for (int64_t i = 0; i < n; i++)
        ref_lock_unlock();
    return NULL;
}

static void BM_RefContendedLock(gbench_state *st) {
    int64_t n = gbench_max_iterations(st);
    while (gbench_keep_running_batch(st, n)) {
        int64_t half = n / 2, rest = n - half;
        pthread_t t;
        pthread_create(&t, NULL, lock_half, &half);
        lock_half(&rest);
        pthread_join(t, NULL);
    }
}
BENCH("Ref/ContendedLock", BM_RefContendedLock)

__attribute__((noinline)) static int empty_select(gort_case *k, size_t n, bool block) {
    __asm__ __volatile__("" : : "r"(k), "r"(n), "r"(block) : "memory");
    return -1;
}

static void empty_call4_grain(par_ctx *p, void *l, int64_t n) {
    (void)p, (void)l;
    int v = 0;
    gort_case k[4] = {{.op = GORT_RECV, .elem = &v}, {.op = GORT_SEND, .elem = &v},
                      {.op = GORT_RECV, .elem = &v}, {.op = GORT_SEND, .elem = &v}};
    for (int64_t i = 0; i < n; i++)
        for (int j = 0; j < 4; j++)
            empty_select(&k[j], 1, false);
}
static void BM_RefEmptyCall4(gbench_state *st) {
    int64_t n = gbench_max_iterations(st);
    while (gbench_keep_running_batch(st, n))
        empty_call4_grain(NULL, NULL, n);
}
BENCH("Ref/EmptyCall4", BM_RefEmptyCall4)

/* Ref/EmptyCall4Parallel: the same four calls in b.RunParallel, as
 * SelectNonblock runs them, so that its all-workers figure is read against
 * the same loop on every worker at once: the two vCPUs here do not add up
 * to twice one, and how far short they fall varies with the host. */
static void BM_RefEmptyCall4Parallel(gbench_state *st) {
    static par_last last;
    run_parallel_bench(st, &last, empty_call4_grain);
}
BENCH("Ref/EmptyCall4Parallel", BM_RefEmptyCall4Parallel)
