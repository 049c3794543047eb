/* runtime_identity: gort_backend names the backend linked in, and
 * gort_procs is the GORT_PROCS in force on M:N backends (online CPUs when
 * unset) and 0 on the 1:1 backend.
 *
 * expect-exit: 0
 */
#include "check.h"
#include <gort.h>
#include <unistd.h>

static int real_main(int argc, char **argv) {
    (void)argc, (void)argv;
    const char *b = gort_backend();
    CHECK(b && (!strcmp(b, "pthread") || !strcmp(b, "ucontext") || !strcmp(b, "asm") ||
                !strcmp(b, "uring")), "gort_backend() = %s", b ? b : "NULL");
    if (*test_backend())
        CHECK(!strcmp(b, test_backend()), "gort_backend() = %s, linked %s", b, test_backend());
    int p = gort_procs();
    if (!strcmp(b, "pthread")) {
        CHECK(p == 0, "gort_procs() = %d on a 1:1 backend", p);
    } else {
        const char *e = getenv("GORT_PROCS");
        int want = e ? atoi(e) : (int)sysconf(_SC_NPROCESSORS_ONLN);
        CHECK(p == want, "gort_procs() = %d, want %d", p, want);
    }
    return 0;
}

int main(int argc, char **argv) { return gort_main(real_main, argc, argv); }
