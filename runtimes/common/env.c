/*
 * env.c -- the GORT_* environment variables (SPEC section 3).  An invalid
 * value ends the program at start with a message that names the variable.
 */
#include "runtime.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

gort__config gort__cfg GORT_OWN_LINE;

#define MAX_PROCS 1024
#define MIN_STACK (16u << 10)
#define MAX_STACK (1ull << 30)

static unsigned long long parse_size(const char *name, const char *s, unsigned long long lo,
                                     unsigned long long hi, bool suffixes) {
    char *end;
    errno = 0;
    if (*s == '-' || *s == '\0')
        goto bad;
    unsigned long long v = strtoull(s, &end, 10);
    if (errno || end == s)
        goto bad;
    if (suffixes && *end) {
        unsigned shift = 0;
        switch (*end) {
        case 'k': case 'K': shift = 10; break;
        case 'm': case 'M': shift = 20; break;
        case 'g': case 'G': shift = 30; break;
        default: goto bad;
        }
        end++;
        if (v > (hi >> shift))
            goto bad;
        v <<= shift;
    }
    if (*end || v < lo || v > hi)
        goto bad;
    return v;
bad:
    if (suffixes)
        gort__die("invalid %s=\"%s\": want a number of bytes from %llu to %llu (suffix K, M or G allowed)",
                  name, s, lo, hi);
    gort__die("invalid %s=\"%s\": want an integer from %llu to %llu", name, s, lo, hi);
}

void gort__read_env(void) {
    const char *s;
    if ((s = getenv("GORT_PROCS")) != NULL)
        gort__cfg.procs = (int)parse_size("GORT_PROCS", s, 1, MAX_PROCS, false);
    if ((s = getenv("GORT_STACK_SIZE")) != NULL)
        gort__cfg.stack_size = (size_t)parse_size("GORT_STACK_SIZE", s, MIN_STACK, MAX_STACK, true);
    if ((s = getenv("GORT_STATS")) != NULL) {
        if (strcmp(s, "") == 0 || strcmp(s, "0") == 0)
            gort__cfg.stats = false;
        else if (strcmp(s, "1") == 0)
            gort__cfg.stats = true;
        else
            gort__die("invalid GORT_STATS=\"%s\": want 1 (print counters at exit) or 0", s);
    }
    gort__stats_on = gort__cfg.stats;
}

int gort__online_cpus(void) {
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    return n < 1 ? 1 : (n > MAX_PROCS ? MAX_PROCS : (int)n);
}
