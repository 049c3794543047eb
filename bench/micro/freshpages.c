/* freshpages.c -- the floor under spawning N goroutines on never-used
 * stacks, measured the way the M:N runtime pays it (runtimes/mn/stack.c):
 * N slots of the default stack size reserved in arenas of 256, the top page
 * of each populated in bulk (one process_vm_writev per 256 slots), then
 * touched once from user space where the goroutine's descriptor goes.
 * No goroutine, switch or queue: only the fresh pages.  Under this
 * machine's shadow paging the touch after the populate still costs
 * microseconds, and a small benchmark that maps and unmaps the same few
 * pages again and again measures recycled frames instead, so this runs at
 * the scale of the parked benchmark, in a process of its own.
 * Prints one JSON object.  Usage: freshpages [N]  (default 1,000,000) */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/uio.h>
#include <time.h>
#include <unistd.h>

#define SLOT (64u << 10) /* stack.c's DEFAULT_STACK */
#define BATCH 256        /* stack.c's ARENA_SLOTS: slots per arena and per populate */
#define DESCRIPTOR 128   /* bytes written at the top of a slot, as slot_init does */

static double now_s(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

static void populate(char *arena, long slots) {
    static const uint64_t words[BATCH];
    struct iovec local = {(void *)words, (size_t)slots * sizeof(uint64_t)}, remote[BATCH];
    for (long i = 0; i < slots; i++)
        remote[i] = (struct iovec){arena + (i + 1) * SLOT - sizeof(uint64_t), sizeof(uint64_t)};
    if (process_vm_writev(getpid(), &local, 1, remote, (unsigned long)slots, 0) != (ssize_t)local.iov_len) {
        perror("freshpages: process_vm_writev");
        exit(1);
    }
}

int main(int argc, char **argv) {
    long n = argc > 1 ? atol(argv[1]) : 1000000;
    if (n <= 0 || argc > 2) {
        fprintf(stderr, "usage: freshpages [N>0]\n");
        return 2;
    }
    long arenas = (n + BATCH - 1) / BATCH;
    char **base = calloc((size_t)arenas, sizeof *base);
    if (!base) {
        perror("freshpages");
        return 1;
    }
    double t0 = now_s();
    for (long a = 0; a < arenas; a++) {
        base[a] = mmap(NULL, (size_t)SLOT * BATCH, PROT_READ | PROT_WRITE,
                       MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
        if (base[a] == MAP_FAILED) {
            perror("freshpages: mmap");
            return 1;
        }
        long slots = n - a * BATCH < BATCH ? n - a * BATCH : BATCH;
        populate(base[a], slots);
        for (long i = 0; i < slots; i++)
            memset(base[a] + (i + 1) * SLOT - DESCRIPTOR - sizeof(uint64_t), 0, DESCRIPTOR);
    }
    double t1 = now_s();
    printf("{\"pages\": %ld, \"stride_bytes\": %u, \"seconds\": %.6f, \"us_per_page\": %.3f}\n", n, SLOT,
           t1 - t0, (t1 - t0) * 1e6 / (double)n);
    return 0;
}
