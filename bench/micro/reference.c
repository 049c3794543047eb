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
void ref_ctx_make(ref_ctx *c, void *lo, size_t size, void (*entry)(void));
void ref_ctx_switch(ref_ctx *from, ref_ctx *to);
const char *ref_ctx_unavailable(void);

static ref_ctx rc_main, rc_peer;
static void rc_peer_loop(void) {
    for (;;)
        ref_ctx_switch(&rc_peer, &rc_main);
}

static void BM_RefRegisterSwapPair(gbench_state *st) {
    static char stack[64 << 10] __attribute__((aligned(16)));
    const char *why = ref_ctx_unavailable();
    if (why) {
        gbench_skip_with_error(st, why);
        return;
    }
    ref_ctx_make(&rc_peer, stack, sizeof stack, rc_peer_loop);
    while (gbench_keep_running(st))
        ref_ctx_switch(&rc_main, &rc_peer);
}
BENCH("Ref/RegisterSwapPair", BM_RefRegisterSwapPair)

/* Ref/FreshPage: what a goroutine on a never-used stack slot must pay at
 * least: one fresh page, populated in bulk (MAP_POPULATE) and then touched
 * once from user space, per page.  Under this machine's shadow paging the
 * first user touch costs microseconds even after the kernel populated it. */
#include <sys/mman.h>

static void BM_RefFreshPage(gbench_state *st) {
    const size_t pages = 1024, pagesz = (size_t)sysconf(_SC_PAGESIZE);
    while (gbench_keep_running_batch(st, (int64_t)pages)) {
        char *p = mmap(NULL, pages * pagesz, PROT_READ | PROT_WRITE,
                       MAP_PRIVATE | MAP_ANONYMOUS | MAP_POPULATE, -1, 0);
        if (p == MAP_FAILED) {
            gbench_skip_with_error(st, "mmap failed");
            return;
        }
        for (size_t i = 0; i < pages; i++)
            p[i * pagesz] = 1;
        gbench_pause_timing(st);
        munmap(p, pages * pagesz);
        gbench_resume_timing(st);
    }
}
BENCH("Ref/FreshPage", BM_RefFreshPage)
