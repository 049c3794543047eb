/*
 * solo.c -- setting up, and revoking, the plain stores of a lone awake
 * worker (common/solo.h).
 */
#include "sched.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#ifdef GORT_SOLO_RSEQ
#include <linux/membarrier.h>

/* Workers not committed to sleep; only read (and only 1 matters) while
 * gort__solo_setup said yes, else it stays 0. */
_Atomic int gort__awake GORT_OWN_LINE;

bool gort__solo_setup(int nworkers) {
    /* glibc registers every thread's struct rseq unless told not to
     * (glibc.pthread.rseq=0), and says so in __rseq_size. */
    if (nworkers < 2 || __rseq_size == 0 || getenv("GORT_TEST_NO_RSEQ"))
        return false;
    return syscall(SYS_membarrier, MEMBARRIER_CMD_REGISTER_PRIVATE_EXPEDITED_RSEQ, 0, 0) == 0;
}

void gort__solo_revoke(void) {
    gort__stat(GORT__STAT_SOLO_REVOKES, 1);
    if (syscall(SYS_membarrier, MEMBARRIER_CMD_PRIVATE_EXPEDITED_RSEQ, 0, 0) != 0)
        gort__die("membarrier(PRIVATE_EXPEDITED_RSEQ) failed after registering: %s",
                  strerror(errno));
}
#else
bool gort__solo_setup(int nworkers) {
    (void)nworkers;
    return false;
}

void gort__solo_revoke(void) {}
#endif
