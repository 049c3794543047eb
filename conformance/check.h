/* check.h -- assertions for conformance programs: a failed CHECK prints
 * where and why on stderr and exits 1 (the liburing protocol: 0 pass,
 * 1 fail, 77 skip). */
#ifndef GORT_CHECK_H
#define GORT_CHECK_H
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define CHECK(cond, ...)                                                        \
    do {                                                                        \
        if (!(cond)) {                                                          \
            fflush(stdout);                                                     \
            fprintf(stderr, "FAIL %s:%d: %s: ", __FILE__, __LINE__, #cond);     \
            fprintf(stderr, __VA_ARGS__);                                       \
            fputc('\n', stderr);                                                \
            exit(1);                                                            \
        }                                                                       \
    } while (0)

static inline const char *test_backend(void) {
    const char *b = getenv("GORT_TEST_BACKEND");
    return b ? b : "";
}
#endif
