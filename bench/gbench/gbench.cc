// gbench.cc -- the C API of gbench.h over Google Benchmark.
#include "gbench.h"

#include <benchmark/benchmark.h>
#include <gort.h>

#include <cstdio>

namespace {
benchmark::State &S(gbench_state *st) { return *reinterpret_cast<benchmark::State *>(st); }
benchmark::internal::Benchmark *B(gbench_bm *bm) {
    return reinterpret_cast<benchmark::internal::Benchmark *>(bm);
}
gbench_bm *W(benchmark::internal::Benchmark *b) { return reinterpret_cast<gbench_bm *>(b); }

int run_benchmarks(int argc, char **argv) {
    benchmark::Initialize(&argc, argv);
    if (benchmark::ReportUnrecognizedArguments(argc, argv))
        return 1;
    benchmark::AddCustomContext("gort_backend", gort_backend());
    benchmark::AddCustomContext("gort_procs", std::to_string(gort_procs()));
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}
}  // namespace

extern "C" {

gbench_bm *gbench_register(const char *name, gbench_fn fn) {
    return W(benchmark::RegisterBenchmark(
        name, [fn](benchmark::State &st) { fn(reinterpret_cast<gbench_state *>(&st)); }));
}
gbench_bm *gbench_arg(gbench_bm *bm, int64_t x) { return W(B(bm)->Arg(x)); }
gbench_bm *gbench_args2(gbench_bm *bm, int64_t x, int64_t y) { return W(B(bm)->Args({x, y})); }
gbench_bm *gbench_range(gbench_bm *bm, int64_t lo, int64_t hi) { return W(B(bm)->Range(lo, hi)); }
gbench_bm *gbench_range_multiplier(gbench_bm *bm, int m) { return W(B(bm)->RangeMultiplier(m)); }
gbench_bm *gbench_arg_name(gbench_bm *bm, const char *n) { return W(B(bm)->ArgName(n)); }
gbench_bm *gbench_use_real_time(gbench_bm *bm) { return W(B(bm)->UseRealTime()); }
gbench_bm *gbench_use_manual_time(gbench_bm *bm) { return W(B(bm)->UseManualTime()); }
gbench_bm *gbench_iterations_fixed(gbench_bm *bm, int64_t n) { return W(B(bm)->Iterations(n)); }
gbench_bm *gbench_min_time(gbench_bm *bm, double s) { return W(B(bm)->MinTime(s)); }
gbench_bm *gbench_min_warmup_time(gbench_bm *bm, double s) { return W(B(bm)->MinWarmUpTime(s)); }
gbench_bm *gbench_unit(gbench_bm *bm, enum gbench_unit u) {
    static const benchmark::TimeUnit units[] = {benchmark::kNanosecond, benchmark::kMicrosecond,
                                                benchmark::kMillisecond, benchmark::kSecond};
    return W(B(bm)->Unit(units[u]));
}

bool gbench_keep_running(gbench_state *st) { return S(st).KeepRunning(); }
bool gbench_keep_running_batch(gbench_state *st, int64_t n) {
    return S(st).KeepRunningBatch(static_cast<benchmark::IterationCount>(n));
}
int64_t gbench_max_iterations(gbench_state *st) { return S(st).max_iterations; }
int64_t gbench_iterations(gbench_state *st) { return S(st).iterations(); }
int64_t gbench_range_x(gbench_state *st, int i) { return S(st).range(i); }
void gbench_pause_timing(gbench_state *st) { S(st).PauseTiming(); }
void gbench_resume_timing(gbench_state *st) { S(st).ResumeTiming(); }
void gbench_set_iteration_time(gbench_state *st, double s) { S(st).SetIterationTime(s); }
void gbench_set_items_processed(gbench_state *st, int64_t n) { S(st).SetItemsProcessed(n); }
void gbench_set_bytes_processed(gbench_state *st, int64_t n) { S(st).SetBytesProcessed(n); }
void gbench_counter(gbench_state *st, const char *name, double v, int flags) {
    S(st).counters[name] = benchmark::Counter(v, static_cast<benchmark::Counter::Flags>(flags));
}
void gbench_set_label(gbench_state *st, const char *label) { S(st).SetLabel(label); }
void gbench_skip_with_error(gbench_state *st, const char *msg) { S(st).SkipWithError(msg); }
void gbench_add_context(const char *key, const char *value) { benchmark::AddCustomContext(key, value); }

int gbench_main(int argc, char **argv) { return gort_main(run_benchmarks, argc, argv); }

}  // extern "C"
