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
