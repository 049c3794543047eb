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
 * THREADS threads share the work, each faulting every THREADS-th arena: 2
 * is how the runtime's spawner and its carver fault pages together
 * (runtimes/mn/stack.c).  One count per process, because a process that
 * already holds N fresh pages faults the next N at another speed.
 * Prints one JSON object.  Usage: freshpages [N [THREADS]]  (default
 * 1,000,000 pages, 1 thread; THREADS 1 or 2) */
#include <pthread.h>
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
#define MAX_THREADS 2

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

/* Fault in arenas [k, k + step, k + 2 step, ...) of the n slots. */
typedef struct {
    long n, k, step;
} share;

static void *fault_share(void *arg) {
    const share *sh = arg;
    for (long a = sh->k; a * BATCH < sh->n; a += sh->step) {
        char *base = mmap(NULL, (size_t)SLOT * BATCH, PROT_READ | PROT_WRITE,
                          MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
        if (base == MAP_FAILED) {
            perror("freshpages: mmap");
            exit(1);
        }
        long slots = sh->n - a * BATCH < BATCH ? sh->n - a * BATCH : BATCH;
        populate(base, slots);
        for (long i = 0; i < slots; i++)
            memset(base + (i + 1) * SLOT - DESCRIPTOR - sizeof(uint64_t), 0, DESCRIPTOR);
    }
    return NULL;
}

/* Seconds to fault n slots' pages on `threads` threads at once, each taking
 * every threads-th arena (the runtime's spawner and its carver, stack.c). */
static double fault_pages(long n, int threads) {
    pthread_t t[MAX_THREADS];
    share sh[MAX_THREADS];
    double t0 = now_s();
    for (int k = 0; k < threads; k++) {
        sh[k] = (share){n, k, threads};
        if (pthread_create(&t[k], NULL, fault_share, &sh[k]) != 0) {
            perror("freshpages: pthread_create");
            exit(1);
        }
    }
    for (int k = 0; k < threads; k++)
        pthread_join(t[k], NULL);
    return now_s() - t0;
}

int main(int argc, char **argv) {
    long n = argc > 1 ? atol(argv[1]) : 1000000;
    int threads = argc > 2 ? atoi(argv[2]) : 1;
    if (n <= 0 || threads < 1 || threads > MAX_THREADS || argc > 3) {
        fprintf(stderr, "usage: freshpages [N>0 [THREADS (1 or 2)]]\n");
        return 2;
    }
    double secs = fault_pages(n, threads);
    printf("{\"pages\": %ld, \"stride_bytes\": %u, \"threads\": %d, \"seconds\": %.6f, "
           "\"us_per_page\": %.3f}\n",
           n, SLOT, threads, secs, secs * 1e6 / (double)n);
    return 0;
}
