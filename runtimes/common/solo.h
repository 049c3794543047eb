/*
 * solo.h -- plain stores for the runtime's locks and queue updates while
 * only one M:N worker is awake.
 *
 * While the other workers sleep, the awake one is the only thread that
 * touches the runtime's locks, run queues and spawn slots (SPEC 3: gort_*
 * calls come from goroutines), so a locked compare-and-swap excludes
 * nothing, and a compare and a plain store do the same.  A ping-pong at two
 * workers runs on one of them, with the other asleep; its four locked
 * instructions were 32% of a round trip.  With one worker the choice is
 * fixed before any thread starts (gort__solo); with more it is made at
 * each operation, by gort__solo_cas below.
 *
 * gort__awake counts the workers not committed to sleep (sched.c keeps it
 * beside gort__units).  gort__solo_cas stores only if it is 1, and the check
 * and the store are one restartable sequence (rseq(2), registered by glibc
 * for every thread): if the thread is preempted, signalled or migrated in
 * between, the kernel sends it to the abort label, and it takes the locked
 * path instead.
 *
 * Raising gort__awake from 1: a worker that wakes another (gort__wakep)
 * counts it in before the wake, so the waker's own later operations take
 * the locked path, and its plain stores before are ordered by the count's
 * locked add.  A worker that wakes on its own (a timer's timeout, a message
 * to its ring, a spurious wake) counts itself in and then calls
 * gort__solo_revoke, membarrier(MEMBARRIER_CMD_PRIVATE_EXPEDITED_RSEQ):
 * every other running thread of the process is fenced and any sequence it
 * is in is restarted, so when the call returns, every plain store done is
 * visible and every one not yet done will see the new count.  Until then
 * the waking worker touches nothing shared.  Invariant: once gort__awake >
 * 1 and whoever raised it has returned from that barrier, no worker is in
 * or enters a plain store.
 *
 * x86-64 only (the sequence is inline assembly), and not under
 * ThreadSanitizer, which would see plain stores race with the locked ones.
 */
#ifndef GORT_SOLO_H
#define GORT_SOLO_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>

extern bool gort__solo; /* one worker in all: fixed before it starts */

#if defined(__x86_64__) && !defined(GORT_LOCK_FUTEX) && !defined(__SANITIZE_THREAD__) &&           \
    !defined(GORT_NO_RSEQ)
#define GORT_SOLO_RSEQ 1
#include <stddef.h>
#include <sys/rseq.h>

extern _Atomic int gort__awake;

/* The sequence: record its descriptor in this thread's struct rseq, then
 * from label 1 to the commit (label 2) check the count, compare, store.
 * The abort handler (label 4, after the signature the kernel checks) and
 * an early exit both go to `no`.  `mov` and `cmp` take their size from the
 * register operands, so one body serves 32-bit words and pointers.  (The
 * benchmarks' Ref/SoloLockUnlock runs this body on a count of its own.) */
#define GORT__SOLO_CAS_BODY(p, old, new_, awake_count)                                             \
    __asm__ goto(".pushsection __rseq_cs, \"aw\"\n\t"                                              \
                 ".balign 32\n"                                                                    \
                 "3:\n\t"                                                                          \
                 ".long 0, 0\n\t"                                                                  \
                 ".quad 1f, 2f - 1f, 4f\n\t"                                                       \
                 ".popsection\n\t"                                                                 \
                 "leaq 3b(%%rip), %%rax\n\t"                                                       \
                 "movq %%rax, %%fs:%c[cs](%[area])\n"                                              \
                 "1:\n\t"                                                                          \
                 "cmpl $1, %[awake]\n\t"                                                           \
                 "jne %l[no]\n\t"                                                                  \
                 "cmp %[old], %[mem]\n\t"                                                          \
                 "jne %l[no]\n\t"                                                                  \
                 "mov %[new], %[mem]\n"                                                            \
                 "2:\n\t"                                                                          \
                 ".pushsection __rseq_failure, \"ax\"\n\t"                                         \
                 ".byte 0x0f, 0xb9, 0x3d\n\t"                                                      \
                 ".long %c[sig]\n"                                                                 \
                 "4:\n\t"                                                                          \
                 "jmp %l[no]\n\t"                                                                  \
                 ".popsection"                                                                     \
                 :                                                                                 \
                 : [area] "r"(__rseq_offset), [cs] "i"(offsetof(struct rseq, rseq_cs)),            \
                   [awake] "m"(awake_count), [mem] "m"(*(p)), [old] "r"(old), [new] "r"(new_),     \
                   [sig] "i"(RSEQ_SIG)                                                             \
                 : "rax", "memory", "cc"                                                           \
                 : no)

/* *p = new_ if *p == old and this is the only worker awake, with no locked
 * instruction; false if it did not store (then use the atomic operation). */
static inline bool gort__solo_cas32(_Atomic uint32_t *p, uint32_t old, uint32_t new_) {
    if (atomic_load_explicit(&gort__awake, memory_order_relaxed) != 1)
        return false; /* the usual answer with several awake: skip the sequence */
    GORT__SOLO_CAS_BODY((uint32_t *)p, old, new_, gort__awake);
    return true;
no:
    return false;
}

static inline bool gort__solo_casp(void *_Atomic *p, void *old, void *new_) {
    if (atomic_load_explicit(&gort__awake, memory_order_relaxed) != 1)
        return false; /* the usual answer with several awake: skip the sequence */
    GORT__SOLO_CAS_BODY((void **)p, old, new_, gort__awake);
    return true;
no:
    return false;
}

#else
static inline bool gort__solo_cas32(_Atomic uint32_t *p, uint32_t old, uint32_t new_) {
    (void)p, (void)old, (void)new_;
    return false;
}
static inline bool gort__solo_casp(void *_Atomic *p, void *old, void *new_) {
    (void)p, (void)old, (void)new_;
    return false;
}
#endif

/* Whether gort__solo_cas can be used with `nworkers` workers: the
 * sequences are registered and the barrier is available.  Call once,
 * before the workers start. */
bool gort__solo_setup(int nworkers);

/* The barrier of a worker that woke on its own (above). */
void gort__solo_revoke(void);

#endif
