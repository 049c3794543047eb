/* api.c -- the runtime entry points of gort.h that forward to the backend. */
#include "runtime.h"

int gort_main(int (*main_fn)(int, char **), int argc, char **argv) {
    gort__read_env();
    int r = gort__backend_main(main_fn, argc, argv);
    gort__flush_and_stats();
    return r;
}

void gort_go(void (*fn)(void *), void *arg) {
    gort__stat(GORT__STAT_SPAWNED, 1);
    gort__spawn(fn, arg);
}

void gort_yield(void) { gort__yield(); }
int gort_procs(void) { return gort__procs(); }
const char *gort_backend(void) { return gort__backend_name; }
