/*
 * stack.c -- goroutine stacks, carved from large arenas and recycled.
 *
 * A slot is [guard page?][usable stack ...][struct gort_g][canary]: the
 * goroutine's descriptor lives at the top of its own stack, so one slot is
 * the whole cost of a goroutine, and a parked goroutine keeps one page
 * resident (its descriptor and its few frames).  Slots come from arenas of
 * many slots (one mmap each), carved in batches whose top pages are
 * populated in bulk: one process_vm_writev that writes every new slot's
 * canary (the tops are 64 KiB apart, which no madvise range can cover
 * alone).  That saves about a third of each slot's first-touch cost, not
 * all of it: a fresh page touched from user space costs 18-25 us here, a
 * populated one about 2 us in the syscall and still 8-15 us at its first
 * user access, when this VM fills its shadow page table (measured with
 * stores at a 64 KiB stride; the same holds after MADV_POPULATE_WRITE over
 * a contiguous range).  Transparent huge pages do no better: under
 * MADV_HUGEPAGE each 4 KiB of a huge page still cost 7.9 us at its first
 * touch (AMD EPYC), 124 us per 64 KiB slot, and a huge page would keep all
 * 32 slots it spans resident.  Those first touches are made ahead of need
 * by a thread of the runtime's own, the carver (below), while spawners use
 * the slots it carved last; and the number it keeps ready doubles with use,
 * so a small program makes a few slots.
 * Exited goroutines go to a per-worker cache, then to a global free list,
 * so spawning in the steady state touches no fresh page and makes no syscall.
 * The global list holds whole caches (batches): a worker hands its cache
 * over, and one whose cache is empty takes a batch, each in one short hold
 * of the lock that touches no descriptor but the batch's first.  (One at a
 * time, spawning 100,000 on one worker while another ran them took the lock
 * per spawn, and each hand-over walked 64 descriptors on 64 cold pages.)
 * The cache is an array, and a batch's addresses sit in its first's dead
 * stack, so no spawn waits on a descriptor to find the next one and the
 * next few can be loaded ahead: spawning 100,000 and waiting for them at
 * one worker, all alive at once and all cold, went from 29 to 12 ms
 * (Intel Xeon), from 10.3 to 8.4 ms at two workers.
 *
 * Overflow.  vm.max_map_count (65,530 here) caps the mappings of a process,
 * and a guard page splits its arena mapping in two, so guard pages would cap
 * goroutines near 32,000.  Instead:
 *   - the first GUARDED_MAX slots get a PROT_NONE guard page below them;
 *     a fault there is reported by a SIGSEGV handler on an alternate stack;
 *   - in the other arenas a stack that overflows runs into the top of the
 *     slot below, whose canary is the first thing it overwrites; that
 *     canary (`floor`) is checked each time the goroutine switches out, so
 *     the overflow is reported at its next switch, after the fact but
 *     before the goroutine whose slot it hit can run on that state for
 *     long.  Keeping the canary in the slot below, not at the bottom of the
 *     goroutine's own stack, is what keeps the bottom pages untouched.
 *     Such an arena has one guard page below its first slot.
 * Both report "fatal error: goroutine stack overflow" and exit 2.
 */
#include "sched.h"

#include <linux/futex.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <unistd.h>

#if defined(__SANITIZE_ADDRESS__)
#include <sanitizer/asan_interface.h>
#endif
#ifdef GORT_VALGRIND
#include <valgrind/valgrind.h>
#endif

#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
#define DEFAULT_STACK (256u << 10) /* instrumented frames are larger */
#define MAIN_STACK (64u << 20)
#else
#define DEFAULT_STACK (64u << 10)
#define MAIN_STACK (8u << 20)
#endif
#define ARENA_SLOTS 256
#define GUARDED_MAX 8192 /* 2 mappings each: well inside vm.max_map_count */
#define CARVE_MIN   8    /* the first batch of slots */

/* Cache colouring.  Each cache here takes a line's offset within its page
 * as part of its set index, so if every slot's descriptor and first frames
 * sat at the same offset in their pages, those of all goroutines would
 * compete for a few sets of each cache while the rest stayed idle.  Slot
 * tops are moved down by a multiple of COLOR_STEP that differs between
 * consecutive slots: the prime sieve, whose numbers walk a chain of 2,000
 * goroutines, went from 121 to 75 ms at one worker (73 to 77 ms for 64- to
 * 512-byte steps), and from 773 to 343 ms with 4,000.  The offsets stop
 * FRAME_ROOM short of the page's end, so a goroutine parked in a channel
 * operation still keeps one page resident. */
#define COLOR_STEP 256
#define COLOR_MAX  12
#define FRAME_ROOM 1280
/* Bytes a slot's top keeps for its descriptor and canary. */
#define SLOT_TOP ((sizeof(gort_g) + sizeof(uint64_t) + 63) & ~(size_t)63)

static size_t page GORT_OWN_LINE, slot_size, slot_colors;
/* Batches of free goroutines (batch_rest), linked by their firsts'
 * next_batch. */
static struct GORT_OWN_LINE {
    gort__lock lock;
    gort_g *batches;
} freeg;

/* Taken by the carver too: gort__lock_acquire_shared, even with one worker. */
static gort__lock arena_lock GORT_OWN_LINE;
/* base: the first slot; an arena without per-slot guards has one guard page
 * just below base. */
typedef struct arena { char *base; size_t nguarded, carved; } arena;
static arena *arenas;
static _Atomic size_t narenas GORT_OWN_LINE;
static size_t arenas_cap, guarded_total;

static void sizes_init(void) {
    if (slot_size)
        return;
    page = (size_t)sysconf(_SC_PAGESIZE);
    size_t s = gort__cfg.stack_size ? gort__cfg.stack_size : DEFAULT_STACK;
    slot_size = (s + page - 1) / page * page;
    size_t room = page > SLOT_TOP + FRAME_ROOM ? page - SLOT_TOP - FRAME_ROOM : 0;
    slot_colors = room / COLOR_STEP + 1 < COLOR_MAX ? room / COLOR_STEP + 1 : COLOR_MAX;
}

static uint64_t *slot_canary(char *slot) { return (uint64_t *)(slot + slot_size) - 1; }

static gort_g *slot_g(char *slot) {
    size_t color = (size_t)((uintptr_t)slot / slot_size % slot_colors) * COLOR_STEP;
    return (gort_g *)(slot + slot_size - SLOT_TOP - color);
}

static void slot_init(char *slot, const uint64_t *floor, bool guarded) {
    gort_g *g = slot_g(slot);
    memset(g, 0, sizeof *g);
    char *lo = slot + (guarded ? page : 0);
    g->stack_lo = lo;
    g->stack_size = (size_t)((char *)g - lo) & ~(size_t)15;
    g->floor = floor;
#ifdef GORT_VALGRIND
    VALGRIND_STACK_REGISTER(lo, (char *)g);
#endif
}

/* Write the canaries of slots [first, first + n) of an arena, populating
 * their top pages: in one syscall where process_vm_writev is allowed, else
 * one page fault each. */
static void slots_populate(char *base, size_t first, size_t n) {
    static const uint64_t canaries[ARENA_SLOTS] = {[0 ... ARENA_SLOTS - 1] = GORT_STACK_CANARY};
    struct iovec local = {(void *)canaries, n * sizeof(uint64_t)}, remote[ARENA_SLOTS];
    for (size_t i = 0; i < n; i++)
        remote[i] = (struct iovec){slot_canary(base + (first + i) * slot_size), sizeof(uint64_t)};
#if !defined(GORT_VALGRIND) && !defined(__SANITIZE_ADDRESS__) && !defined(__SANITIZE_THREAD__)
    if (process_vm_writev(getpid(), &local, 1, remote, n, 0) == (ssize_t)local.iov_len)
        return;
#endif
    (void)local;
    for (size_t i = 0; i < n; i++)
        *(uint64_t *)remote[i].iov_base = GORT_STACK_CANARY;
}

/* Reserve a new arena (arena_lock held); its slots are carved later. */
static arena *arena_reserve(void) {
    size_t len = slot_size * ARENA_SLOTS + page;
    char *map = mmap(NULL, len, PROT_READ | PROT_WRITE,
                     MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (map == MAP_FAILED)
        gort__die("cannot reserve %zu bytes for goroutine stacks: out of address space or "
                  "memory (GORT_STACK_SIZE=%zu)", len, slot_size);
    mprotect(map, page, PROT_NONE);
    size_t guarded = guarded_total < GUARDED_MAX ? ARENA_SLOTS : 0;
    guarded_total += guarded;
    if (atomic_load(&narenas) == arenas_cap) {
        size_t cap = arenas_cap ? arenas_cap * 2 : 64;
        arena *a = malloc(cap * sizeof *a);
        if (!a)
            gort__fatal("out of memory recording stack arenas");
        if (arenas_cap)
            memcpy(a, arenas, arenas_cap * sizeof *a);
        arenas = a; /* the old array leaks: the signal handler may be reading it */
        arenas_cap = cap;
    }
    arena *ar = &arenas[atomic_load(&narenas)];
    *ar = (arena){map + page, guarded, 0};
    atomic_fetch_add(&narenas, 1);
    return ar;
}

/* A batch on the global list is its first goroutine, whose dead stack holds
 * the others' addresses just below its descriptor: taking one reads one
 * page, where a list through the descriptors read a cold page per
 * goroutine, one after another. */
static gort_g **batch_rest(gort_g *first) { return (gort_g **)first - GORT_G_CACHE; }

static void batch_put(gort_g *const *gs, size_t n) {
    gort_g *first = gs[0];
#if defined(__SANITIZE_ADDRESS__)
    __asan_unpoison_memory_region(batch_rest(first), (n - 1) * sizeof(gort_g *));
#endif
    memcpy(batch_rest(first), gs + 1, (n - 1) * sizeof(gort_g *));
    first->batch_n = n;
    gort__lock_acquire(&freeg.lock);
    first->next_batch = freeg.batches;
    freeg.batches = first;
    gort__lock_release(&freeg.lock);
}

/* Take a batch into gs (room for GORT_G_CACHE); returns how many, 0 if none. */
static size_t batch_take(gort_g **gs) {
    gort__lock_acquire(&freeg.lock);
    gort_g *first = freeg.batches;
    if (first)
        freeg.batches = first->next_batch;
    gort__lock_release(&freeg.lock);
    if (!first)
        return 0;
    size_t n = first->batch_n;
    gs[0] = first;
    memcpy(gs + 1, batch_rest(first), (n - 1) * sizeof(gort_g *));
    return n;
}

/* Carve up to `most` fresh slots from the newest arena: a list through next
 * from *head to *tail; returns how many.  The lock covers only taking the
 * range, so a spawner carving alongside the carver never waits behind its
 * syscalls or first touches. */
static size_t slots_carve(size_t most, gort_g **head, gort_g **tail) {
    gort__lock_acquire_shared(&arena_lock);
    size_t na = atomic_load(&narenas);
    arena *ar = na ? &arenas[na - 1] : NULL;
    if (!ar || ar->carved == ARENA_SLOTS)
        ar = arena_reserve();
    size_t first = ar->carved, n = ARENA_SLOTS - first < most ? ARENA_SLOTS - first : most;
    ar->carved += n;
    char *base = ar->base;
    size_t guarded = ar->nguarded;
    gort__lock_release(&arena_lock);

    /* Guards first: changing the page tables after the populate would undo
     * it under this machine's shadow paging (every touch faults again). */
    for (size_t i = first > 0 ? first : 1; i < first + n && i < guarded; i++)
        mprotect(base + i * slot_size, page, PROT_NONE); /* slot 0's is the arena's */
    /* Our first slot's floor is the last canary of the range carved before
     * ours, perhaps not written yet by whoever carves that: write it too
     * (the same value). */
    size_t from = first > 0 && first >= guarded ? first - 1 : first;
    slots_populate(base, from, first + n - from);

    gort_g *list = NULL;
    for (size_t i = first + n; i-- > first;) {
        char *slot = base + i * slot_size;
        bool guard = i < guarded;
        slot_init(slot, guard || i == 0 ? NULL : slot_canary(slot - slot_size), guard);
        gort_g *g = slot_g(slot);
        g->next = list;
        list = g;
    }
    *head = list;
    *tail = slot_g(base + (first + n - 1) * slot_size);
    return n;
}

/* ---- the carver: fresh slots made ahead of need -----------------------------
 * A spawner that carves its own slots pays their first touches (18-25 us a
 * page here) while everything that waits on the new goroutine waits too:
 * the prime sieve spawns its 2,000 filters one at a time, each awaited by
 * the whole chain.  So a thread of the runtime's own (not a worker: it runs
 * no goroutine) carves ahead of the spawners; a page touched from one vCPU
 * is mapped for all of them.  Whenever a spawner takes fresh slots (none
 * were free) it asks the carver to fill `ahead` up to as many as spawners
 * have taken fresh so far (CARVE_MIN at first, AHEAD_MAX at most), so a
 * program that stops growing holds at most that many unused; a spawner that
 * finds `ahead` empty carves CARVE_MIN for itself, alongside the carver
 * (two threads usually fault pages faster than one: a million in 5.3 s
 * against 8.8, medians of three rounds of bench/micro/freshpages.c).
 * Alternating runs, asm, with the carver / without: prime sieve at one
 * worker 112 / 147 ms, at two 114 / 115 (both workers are busy there, so
 * the carver takes its time from them); spawning 200,000 parked goroutines
 * at two workers 1.85 / 2.60 s. */
#define CARVE_CHUNK 32 /* slots the carver makes ready at a time */
#define AHEAD_MAX   64 /* slots it keeps ready, at most */

static struct GORT_OWN_LINE {
    gort__lock lock;         /* taken shared, as arena_lock is */
    gort_g *list;            /* slots ready, listed through next */
    size_t n, taken, target; /* ready; taken fresh by spawners; what to keep */
} ahead;
static _Atomic uint32_t carve_asks GORT_OWN_LINE; /* futex word: asks so far */
static pthread_once_t carver_once = PTHREAD_ONCE_INIT;

/* Carve a chunk into `ahead`, unless it holds its target already. */
static bool carve_ahead(void) {
    gort__lock_acquire_shared(&ahead.lock);
    size_t room = ahead.target > ahead.n ? ahead.target - ahead.n : 0;
    gort__lock_release(&ahead.lock);
    if (!room)
        return false;
    gort_g *head, *tail;
    size_t n = slots_carve(room < CARVE_CHUNK ? room : CARVE_CHUNK, &head, &tail);
    gort__lock_acquire_shared(&ahead.lock);
    tail->next = ahead.list;
    ahead.list = head;
    ahead.n += n;
    gort__lock_release(&ahead.lock);
    return true;
}

static void *carver_main(void *unused) {
    (void)unused;
    uint32_t seen = 0;
    for (;;) {
        uint32_t asked = atomic_load_explicit(&carve_asks, memory_order_acquire);
        if (asked == seen) { /* not gort__futex_wait: GORT_STATS counts parking only */
            syscall(SYS_futex, &carve_asks, FUTEX_WAIT_PRIVATE, seen, NULL, NULL, 0);
            continue;
        }
        seen = asked;
        while (carve_ahead())
            ;
    }
    return NULL;
}

/* Start the carver with every signal blocked, so that none meant for the
 * program is delivered on it.  If it cannot start, spawners carve alone. */
static void carver_start(void) {
    sigset_t all, old;
    sigfillset(&all);
    pthread_sigmask(SIG_SETMASK, &all, &old);
    pthread_attr_t a;
    pthread_t t;
    pthread_attr_init(&a);
    pthread_attr_setdetachstate(&a, PTHREAD_CREATE_DETACHED);
    pthread_attr_setstacksize(&a, 256u << 10);
    if (pthread_create(&t, &a, carver_main, NULL) != 0)
        t = 0;
    pthread_attr_destroy(&a);
    pthread_sigmask(SIG_SETMASK, &old, NULL);
}

/* Fresh slots for a spawner: those carved ahead, else CARVE_MIN of its
 * own; then, unless these are the program's first (a program with a few
 * goroutines needs no carver), ask the carver for more. */
static gort_g *fresh_batch(void) {
    sizes_init();
    gort__lock_acquire_shared(&ahead.lock);
    gort_g *g = ahead.list, *tail;
    size_t n = ahead.n;
    ahead.list = NULL;
    ahead.n = 0;
    gort__lock_release(&ahead.lock);
    if (!g)
        n = slots_carve(CARVE_MIN, &g, &tail);
    gort__lock_acquire_shared(&ahead.lock);
    ahead.taken += n;
    ahead.target = ahead.taken < AHEAD_MAX ? ahead.taken : AHEAD_MAX;
    bool growing = ahead.taken > CARVE_MIN; /* past the first batch */
    gort__lock_release(&ahead.lock);
    if (growing) {
        pthread_once(&carver_once, carver_start);
        atomic_fetch_add_explicit(&carve_asks, 1, memory_order_release);
        syscall(SYS_futex, &carve_asks, FUTEX_WAKE_PRIVATE, 1, NULL, NULL, 0);
    }
    g->batch_n = n;
    return g;
}

/* Fresh slots into gs (room for GORT_G_CACHE); returns how many. */
static size_t fresh_take(gort_g **gs) {
    gort_g *g = fresh_batch();
    size_t n = g->batch_n;
    GORT_ASSERT(n <= GORT_G_CACHE);
    for (size_t i = 0; i < n; i++, g = g->next)
        gs[i] = g;
    return n;
}

/* Spawns pop the newest of a worker's cache, and start loading the one
 * FREE_PREFETCH after it: spawning 100,000 at one worker (all alive at
 * once, so every descriptor is cold) waited on each in turn. */
#define FREE_PREFETCH 8

gort_g *gort__g_alloc(gort__worker *w) {
    gort_g *g;
    if (GORT_LIKELY(w && w->nfree)) {
        g = w->free_gs[--w->nfree];
        if (w->nfree >= FREE_PREFETCH) { /* its descriptor, and the entry frame below it */
            const char *next = (const char *)w->free_gs[w->nfree - FREE_PREFETCH];
            __builtin_prefetch(next, 1);
            __builtin_prefetch(next - 64, 1);
        }
    } else {
        gort_g *gs[GORT_G_CACHE];
        size_t n = batch_take(gs);
        if (!n)
            n = fresh_take(gs);
        g = gs[--n];
        if (w) { /* the rest of the batch is this worker's cache now */
            memcpy(w->free_gs, gs, n * sizeof *gs);
            w->nfree = (int)n;
        } else if (n) { /* not a worker: take one, put the rest back */
            batch_put(gs, n);
        }
    }
#if defined(__SANITIZE_ADDRESS__)
    /* frames the last goroutine left poisoned when it switched away */
    __asan_unpoison_memory_region(g->stack_lo, g->stack_size);
#endif
    g->next = NULL;
    g->is_main = false;
    return g;
}

void gort__g_free(gort__worker *w, gort_g *g) {
    if (w->nfree == GORT_G_CACHE) { /* hand the whole cache over */
        batch_put(w->free_gs, GORT_G_CACHE);
        w->nfree = 0;
    }
    w->free_gs[w->nfree++] = g;
}

gort_g *gort__g_alloc_main(void) {
    sizes_init();
    size_t len = MAIN_STACK > slot_size ? MAIN_STACK : slot_size;
    char *base = mmap(NULL, len + page, PROT_READ | PROT_WRITE,
                      MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (base == MAP_FAILED)
        gort__die("cannot map the main goroutine's stack");
    mprotect(base, page, PROT_NONE);
    gort_g *g = (gort_g *)(base + page + len - ((sizeof(gort_g) + 63) & ~(size_t)63));
    memset(g, 0, sizeof *g);
    g->stack_lo = base + page;
    g->stack_size = (size_t)((char *)g - g->stack_lo) & ~(size_t)15;
    g->floor = NULL; /* the guard page */
    return g;
}

void gort__stack_overflow(void) { gort__fatal("goroutine stack overflow"); }

/* ---- reporting a guard page hit ------------------------------------------- */

static bool in_guard(uintptr_t a) {
    size_t n = atomic_load(&narenas);
    for (size_t i = 0; i < n; i++) {
        uintptr_t base = (uintptr_t)arenas[i].base;
        if (a >= base - page && a < base)
            return true; /* the guard below the first slot */
        if (a < base || a >= base + slot_size * ARENA_SLOTS)
            continue;
        size_t k = (a - base) / slot_size;
        return k < arenas[i].nguarded && (a - base) % slot_size < page;
    }
    return false;
}

static void on_segv(int sig, siginfo_t *si, void *uc) {
    (void)uc;
    if (in_guard((uintptr_t)si->si_addr)) {
        static const char msg[] = "fatal error: goroutine stack overflow\n";
        ssize_t r = write(2, msg, sizeof msg - 1);
        (void)r;
        _exit(2);
    }
    signal(sig, SIG_DFL); /* not ours: fault again, the default way */
}

void gort__stack_signals_init(void) {
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = on_segv;
    sa.sa_flags = SA_SIGINFO | SA_ONSTACK;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGSEGV, &sa, NULL);
}

void gort__stack_thread_init(void) {
    stack_t ss = {.ss_size = 64 << 10};
    ss.ss_sp = malloc(ss.ss_size);
    if (ss.ss_sp)
        sigaltstack(&ss, NULL);
}
