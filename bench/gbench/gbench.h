/*
 * gbench.h -- a C API over Google Benchmark (Debian libbenchmark-dev 1.7.1).
 *
 * C++ inside (gbench.cc), C at this header; benchmarks are C.  Google
 * Benchmark's own threads are never used: parallelism inside a benchmark is
 * goroutines.  gbench_main runs Google Benchmark inside gort_main, on the
 * main goroutine, with every Google Benchmark flag (--benchmark_repetitions,
 * --benchmark_out, --benchmark_filter, ...).
 *
 *   static void BM_Ping(gbench_state *st) {
 *       int64_t n = gbench_max_iterations(st);
 *       while (gbench_keep_running_batch(st, n))
 *           run_ping(n);
 *       gbench_set_items_processed(st, gbench_iterations(st));
 *   }
 *   int main(int argc, char **argv) {
 *       gbench_use_real_time(gbench_register("Ping", BM_Ping));
 *       return gbench_main(argc, argv);
 *   }
 *
 * Time on M:N backends: the main goroutine can move between worker threads,
 * so per-thread CPU time means nothing there; register with
 * gbench_use_real_time (or manual time) and read real_time.
 */
#ifndef GBENCH_H
#define GBENCH_H

#include <stdbool.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct gbench_state gbench_state; /* benchmark::State */
typedef struct gbench_bm gbench_bm;       /* benchmark::internal::Benchmark */
typedef void (*gbench_fn)(gbench_state *st);

enum gbench_unit { GBENCH_NS, GBENCH_US, GBENCH_MS, GBENCH_S };
enum gbench_counter_flags {          /* benchmark::Counter::Flags */
    GBENCH_COUNTER_DEFAULT = 0,
    GBENCH_COUNTER_RATE = 1,          /* divided by the elapsed time */
    GBENCH_COUNTER_AVG_ITERATIONS = 8 /* divided by the iterations */
};

/* registration: each returns bm so calls can be nested */
gbench_bm *gbench_register(const char *name, gbench_fn fn);
gbench_bm *gbench_arg(gbench_bm *bm, int64_t x);
gbench_bm *gbench_args2(gbench_bm *bm, int64_t x, int64_t y);
gbench_bm *gbench_range(gbench_bm *bm, int64_t lo, int64_t hi); /* powers of the multiplier */
gbench_bm *gbench_range_multiplier(gbench_bm *bm, int mult);
gbench_bm *gbench_arg_name(gbench_bm *bm, const char *name);
gbench_bm *gbench_use_real_time(gbench_bm *bm);
gbench_bm *gbench_use_manual_time(gbench_bm *bm);
gbench_bm *gbench_unit(gbench_bm *bm, enum gbench_unit u);
gbench_bm *gbench_iterations_fixed(gbench_bm *bm, int64_t n);
gbench_bm *gbench_min_time(gbench_bm *bm, double seconds);
/* Google Benchmark takes it (over --benchmark_min_warmup_time) only where
 * gbench_min_time is set too. */
gbench_bm *gbench_min_warmup_time(gbench_bm *bm, double seconds);

/* the state loop */
bool gbench_keep_running(gbench_state *st);
bool gbench_keep_running_batch(gbench_state *st, int64_t n);
int64_t gbench_max_iterations(gbench_state *st);
int64_t gbench_iterations(gbench_state *st);
int64_t gbench_range_x(gbench_state *st, int i); /* the i-th argument */
void gbench_pause_timing(gbench_state *st);
void gbench_resume_timing(gbench_state *st);
void gbench_set_iteration_time(gbench_state *st, double seconds); /* manual time */
void gbench_set_items_processed(gbench_state *st, int64_t n);
void gbench_set_bytes_processed(gbench_state *st, int64_t n);
void gbench_counter(gbench_state *st, const char *name, double value, int flags);
void gbench_set_label(gbench_state *st, const char *label);
void gbench_skip_with_error(gbench_state *st, const char *msg);

/* Add a key/value to the JSON "context" (machine, backend, revision...). */
void gbench_add_context(const char *key, const char *value);

/* Runs Google Benchmark (all of its flags) inside gort_main. */
int gbench_main(int argc, char **argv);

#ifdef __cplusplus
}
#endif
#endif
