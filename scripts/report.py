#!/usr/bin/python3
"""Turn results/ into tables, figure data and RESULTS.md.

  report.py --summary   results/summary.md (after make bench)
  report.py --results   also results/plots/*.dat, the figures (gnuplot, plots/*.gp) and RESULTS.md

Only the JSON-to-table and JSON-to-data steps are ours: medians and spreads of
the micro benchmarks are aggregates of Google Benchmark's shape over repetitions
that bench.py interleaves across implementations (one per round), whole-program
figures are hyperfine's statistics over runs that bench.py takes in rounds the
same way, and every figure is drawn by gnuplot."""
import argparse
import json
import math
import pathlib
import re
import statistics
import subprocess
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
RESULTS = ROOT / "results"
PLOTS = ROOT / "plots"
IMPLS = ["pthread", "ucontext", "asm", "uring", "go"]


def load_micro(path):
    """name -> {median, stddev, unit, items_per_second} from Google Benchmark JSON."""
    if not path.exists():
        return {}
    data = json.loads(path.read_text())
    out = {}
    for b in data["benchmarks"]:
        name = re.sub(r"/(iterations|min_time|min_warmup_time):[0-9.]+", "", b.get("run_name", b["name"])).replace("/manual_time", "/real_time")
        r = out.setdefault(name, {"times": []})
        if b.get("error_occurred"):
            r["skipped"] = b.get("error_message", "skipped")
            continue
        if b.get("run_type") == "aggregate":
            r[b["aggregate_name"]] = b["real_time"]
        else:
            r["times"].append(b["real_time"])
        r["unit"] = b.get("time_unit", "ns")
    for n in [n for n, r in out.items() if "skipped" in r and not r["times"]]:
        del out[n]  # the reason is in the benchmark's own output
    for r in out.values():  # a single repetition has no aggregates
        if "median" not in r and r["times"]:
            t = sorted(r["times"])
            r["median"] = t[len(t) // 2]
            r["stddev"] = 0.0
    return out


SCALE = {"ns": 1.0, "us": 1e3, "ms": 1e6, "s": 1e9}


def ns(r):
    return r["median"] * SCALE[r["unit"]], r.get("stddev", 0.0) * SCALE[r["unit"]]


def fmt_ns(x):
    if x is None:
        return "—"
    for unit, f in (("s", 1e9), ("ms", 1e6), ("µs", 1e3)):
        if x >= f:
            return f"{x / f:.3g} {unit}"
    return f"{x:.3g} ns"


def micro_all():
    m = {i: load_micro(RESULTS / "micro" / f"{i}.json") for i in IMPLS}
    p1 = {i: load_micro(RESULTS / "micro" / f"{i}-P1.json") for i in IMPLS}
    rt = load_micro(RESULTS / "micro" / "go-runtime.json")
    return m, p1, rt


def cell(r, base):
    if not r:
        return "—"
    v, sd = ns(r)
    spread = f" ±{100 * sd / v:.0f}%" if v and sd else ""
    ratio = f" ({v / base:.2g}×)" if base else ""
    return f"{fmt_ns(v)}{spread}{ratio}"


def micro_table(m, rt):
    names = list(m["asm"] or m["pthread"])
    lines = ["| benchmark (time per op) | " + " | ".join(IMPLS) + " | Go runtime's own |",
             "|---" * (len(IMPLS) + 2) + "|"]
    for n in names:
        base = ns(m["go"][n])[0] if n in m["go"] else None
        row = [cell(m[i].get(n), base if i != "go" else None) for i in IMPLS]
        short = n.replace("/real_time", "")
        own = rt.get("runtime." + short.split("/")[0]) or rt.get(short.split("/")[0] + "/real_time")
        row.append(fmt_ns(ns(own)[0]) if own else "—")
        lines.append(f"| {short} | " + " | ".join(row) + " |")
    return "\n".join(lines)


def procs_table(m, p1):
    lines = ["| benchmark | workers | " + " | ".join(IMPLS) + " |", "|---" * (len(IMPLS) + 2) + "|"]
    for n in ("PingPong/real_time", "ChanSync/real_time", "CreateGoroutines/real_time"):
        for label, src in (("1 (same worker)", p1), ("all (cross worker)", m)):
            base = ns(src["go"][n])[0] if n in src["go"] else None
            row = [cell(src[i].get(n), base if i != "go" else None) if (i != "pthread" or src is m) else "—"
                   for i in IMPLS]
            lines.append(f"| {n.split('/')[0]} | {label} | " + " | ".join(row) + " |")
    return "\n".join(lines)


def parked_table():
    p = RESULTS / "parked.json"
    if not p.exists():
        return "(not measured)", []
    rows = json.loads(p.read_text())
    lines = ["| implementation | goroutines parked | resident bytes each | spawn+park all | wake+finish all |",
             "|---|---|---|---|---|"]
    for r in rows:
        lines.append(f"| {r['backend']} | {r['goroutines']:,} | {r['rss_per_goroutine']:,.0f} | "
                     f"{r['spawn_park_s']:.3g} s{rounds_spread(r, 'spawn_park_s')} | {r['wake_finish_s']:.3g} s |")
    return "\n".join(lines), rows


def rounds_spread(row, field):
    """' ±N%' over the rounds kept beside a median (bench.py's median_run), as for the other tables."""
    xs = row.get(field + "_rounds", [])
    return f" ±{100 * statistics.stdev(xs) / row[field]:.0f}%" if len(xs) > 1 and row[field] else ""


# Issue #7's targets for the best M:N backend, as ratios to Go in the same
# run: (what, benchmark, bound on time/Go's time).  A throughput target
# "at least k times Go's items/s" is the time bound 1/k.
TARGETS = [
    ("unbuffered ping-pong round trip", "PingPong", 0.2),
    ("ChanSync", "ChanSync", 0.4),
    ("CreateGoroutines", "CreateGoroutines", 0.25),
    ("spawn one goroutine, wait for it", "SpawnWait/n:1", 0.15),
    ("spawn 100,000 + WaitGroup, per goroutine", "SpawnWait/n:100000", 0.25),
    ("1 producer, 1 consumer, capacity 1024: ≥ 3× Go's items/s", "BufferedSPSC/cap:1024", 1 / 3),
    ("ChanProdCons100", "ChanProdCons100", 0.5),
    ("4 producers × 4 consumers, capacity 128: ≥ 2× Go's items/s", "BufferedMPMC4x4/cap:128", 0.5),
    ("SelectUncontended", "SelectUncontended", 0.5),
    ("SelectNonblock", "SelectNonblock", 0.5),
]
MN_IMPLS = ("ucontext", "asm", "uring")


def best_mn(src, name):
    """(backend, time in ns) of the fastest M:N backend, or None."""
    got = [(ns(src[i][name])[0], i) for i in MN_IMPLS if name in src[i]]
    return min(got)[::-1] if got else None


def target_cell(src, name, bound):
    best, go = best_mn(src, name), src["go"].get(name)
    if not best or not go:
        return "—", None
    ratio = best[1] / ns(go)[0]
    return f"{best[0]} {fmt_ns(best[1])} = {ratio:.2g}× Go", ratio <= bound


def program_cell(rs, bound):
    """target_cell for a whole program's hyperfine medians."""
    got = [(rs[i]["median"], i) for i in MN_IMPLS if i in rs]
    if not got or "go" not in rs:
        return "", None
    t, i = min(got)
    ratio = t / rs["go"]["median"]
    return f"{i} {t:.3g} s = {ratio:.2g}× Go", ratio <= bound


def verdict(oks):
    oks = [ok for ok in oks if ok is not None]
    if not oks:
        return "not measured"
    return "**met**" if all(oks) else ("met at one of the two" if any(oks) else "not met")


def targets_table(m, p1, parked_rows, progs):
    lines = ["| target (best M:N backend against Go) | bound | GORT_PROCS=1 (GOMAXPROCS=1) | all workers | |",
             "|---|---|---|---|---|"]
    for what, bench, bound in TARGETS:
        name = bench + "/real_time"
        c1, ok1 = target_cell(p1, name, bound)
        c2, ok2 = target_cell(m, name, bound)
        lines.append(f"| {what} | ≤ {bound:.2g}× | {c1} | {c2} | {verdict([ok1, ok2])} |")
    rows = {r["backend"]: r for r in parked_rows}
    mn = [rows[i] for i in MN_IMPLS if i in rows]
    if mn and "go" in rows:
        b = min(mn, key=lambda r: r["rss_per_goroutine"])
        lines.append(f"| 1,000,000 parked goroutines: resident memory each | ≤ 4.5 KB | | {b['backend']} "
                     f"{b['rss_per_goroutine']:,.0f} B | {verdict([b['rss_per_goroutine'] <= 4500])} |")
        b = min(mn, key=lambda r: r["spawn_park_s"])
        ratio = b["spawn_park_s"] / rows["go"]["spawn_park_s"]
        lines.append(f"| 1,000,000 parked goroutines: time to spawn them | ≤ 0.1× | | {b['backend']} "
                     f"{b['spawn_park_s']:.3g} s = {ratio:.2g}× Go | {verdict([ratio <= 0.1])} |")
    for prog in ("crossbeam-bounded0_spsc", "prime_sieve"):
        c1, ok1 = program_cell(progs.get(prog + ONE_WORKER, {}), 0.3)
        c2, ok2 = program_cell(progs.get(prog, {}), 0.3)
        if ok1 is not None or ok2 is not None:
            lines.append(f"| {prog} (whole program) | ≤ 0.3× | {c1} | {c2} | {verdict([ok1, ok2])} |")
    return "\n".join(lines)


# Each backend against the limit of its own design, both measured in this
# run: (backend, its figure, source, the limit's benchmark, bound, what).
LIMITS = [
    ("pthread", "CreateGoroutines", "m", "Ref/PthreadCreateJoin", 1.2,
     "spawn against a bare pthread_create + pthread_join"),
    ("ucontext", "PingPong", "p1", "Ref/SwapcontextPair", 1.2,
     "ping-pong round trip (one worker) against two bare swapcontext calls"),
    ("asm", "Yield", "p1", "Ref/RegisterSwapPair", 2.0,
     "a yield round trip (one worker) against two bare register swaps"),
    ("uring", "WakeIdle", "m", "Ref/MsgRingWake", 1.2,
     "waking an idle worker (WakeIdle: spawn onto a worker asleep in io_uring_enter) against a bare "
     "IORING_OP_MSG_RING wake-up of a thread asleep in io_uring_enter"),
    ("asm", "WakeIdle", "m", "Ref/FutexWake", 1.2,
     "waking an idle worker (WakeIdle: spawn onto a worker asleep on its futex) against a bare futex wake-up"),
]

# Targets that run into a floor: (figure, source, [(limit benchmark, how
# many of it one operation needs at least)], why).  The floor is read
# against Go's time in the same configuration.
FLOORS = [
    ("SpawnWait/n:1", "p1", [("Ref/StartContextPair", 1)],
     "spawn one goroutine and wait for it (one worker): a switch into a new context and back (at one "
     "worker the WaitGroup's lock, the run queue and the spawn slot take plain stores)"),
    ("SpawnWait/n:1", "m", [("Ref/StartContextPair", 1), ("Ref/SoloLockUnlock", 5)],
     "spawn one goroutine and wait for it (all workers): a switch into a new context and back, and the "
     "WaitGroup's Add, Wait and Done and the spawn slot's fill and take by restartable sequence, since "
     "the other worker, kept spinning by the spawns, only looks (counted out of the awake workers)"),
    ("PingPong", "m", [("Ref/RegisterSwapPair", 1), ("Ref/SoloLockUnlock", 4)],
     "unbuffered ping-pong round trip (all workers): a switch there and back, and the locks of the four "
     "channel operations (two sends, two receives) taken by a restartable sequence, since both "
     "goroutines run on one worker while the other sleeps"),
    ("BufferedSPSC/cap:1024", "m", [("Ref/SoloLockUnlock", 2)],
     "1 producer, 1 consumer, capacity 1024, per item (all workers): both run on one worker while the "
     "other sleeps, so each send and each receive takes its lock by a restartable sequence"),
    ("SelectNonblock", "p1", [("Ref/EmptyCall4", 1)],
     "SelectNonblock: four calls through the ABI (gort_select of one case) that do nothing"),
    ("SelectNonblock", "m", [("Ref/EmptyCall4Parallel", 1)],
     "SelectNonblock (all workers): the same four calls that do nothing, in b.RunParallel on every "
     "worker at once"),
]


def fastest_ref(m, name):
    """The least median of a Ref/* benchmark over the M:N binaries.  They run
    the same reference code, yet a switch measured 15 ns in one binary and
    57 in another of the same run (code placement alone moved it), and a
    floor is the least the steps can cost."""
    got = [m[i][name] for i in MN_IMPLS if name in m[i]]
    return min(got, key=lambda r: ns(r)[0]) if got else None


def limits_table(m, p1, parked_rows):
    lines = ["| backend | figure | this run | its limit, measured | ratio | bound | |",
             "|---|---|---|---|---|---|---|"]
    for b, bench, srcname, ref, bound, what in LIMITS:
        src = p1 if srcname == "p1" else m
        r, l = src[b].get(bench + "/real_time"), m[b].get(ref + "/real_time")
        if not r or not l:
            lines.append(f"| {b} | {what} | — | — | | ≤ {bound:g}× | not measured |")
            continue
        ratio = ns(r)[0] / ns(l)[0]
        lines.append(f"| {b} | {what} | {fmt_ns(ns(r)[0])} | {ref} {fmt_ns(ns(l)[0])} | {ratio:.2g}× | "
                     f"≤ {bound:g}× | {verdict([ratio <= bound])} |")
    for bench, srcname, parts, what in FLOORS:
        src = p1 if srcname == "p1" else m
        best, go = best_mn(src, bench + "/real_time"), src["go"].get(bench + "/real_time")
        refs = [(fastest_ref(m, ref + "/real_time"), ref, times) for ref, times in parts]
        if not best or not go or not all(r for r, _, _ in refs):
            continue
        floor = sum(times * ns(r)[0] for r, _, times in refs)
        terms = " + ".join(f"{times} × {ref} {fmt_ns(ns(r)[0])}" for r, ref, times in refs)
        lines.append(f"| {best[0]} | {what} | {fmt_ns(best[1])} | {terms} = {fmt_ns(floor)} = "
                     f"{floor / ns(go)[0]:.2g}× Go's time | {best[1] / floor:.2g}× | (the floor) | |")
    rows = {r["backend"]: r for r in parked_rows}
    fresh = RESULTS / "freshpages.json"
    mn = [rows[i] for i in MN_IMPLS if i in rows]
    if fresh.exists() and mn and "go" in rows:
        f = json.loads(fresh.read_text())
        b = min(mn, key=lambda r: r["spawn_park_s"])
        # the runtime faults stack pages on up to two threads, the spawner and its carver
        # (stack.c); which of the two ways is cheaper varies with the machine's state,
        # so the floor is the cheaper median
        ways = [("one thread", "seconds", "us_per_page"),
                ("two threads at once, as the spawner and the carver do", "two_threads_seconds",
                 "two_threads_us_per_page")]
        how, sk, uk = min(ways, key=lambda w: f[w[1]])
        other = next(w for w in ways if w[1] != sk)
        lines.append(f"| {b['backend']} | spawning {b['goroutines']:,} goroutines on fresh stacks: one fresh page "
                     f"each | {b['spawn_park_s']:.3g} s | {f['pages']:,} fresh stack pages alone (freshpages: "
                     f"populated in bulk, then touched once; the cheaper way, {how}), {f[uk]:.3g} µs each: "
                     f"{f[sk]:.3g} s{rounds_spread(f, sk)} = {f[sk] / rows['go']['spawn_park_s']:.2g}× Go's time"
                     f" ({other[0].split(',')[0]}: {f[other[1]]:.3g} s{rounds_spread(f, other[1])}) | "
                     f"{b['spawn_park_s'] / f[sk]:.2g}× | (the floor) | |")
    return "\n".join(lines)


ONE_WORKER = "-p1"  # bench.py's runs of a program with GORT_PROCS=1, GOMAXPROCS=1


def programs():
    out = {}
    for f in sorted((RESULTS / "programs").glob("*.json")):
        d = json.loads(f.read_text())
        out[f.stem] = {r["parameters"]["impl"]: r for r in d["results"]}
    return out


def programs_table(progs):
    lines = ["| program | " + " | ".join(IMPLS) + " |", "|---" * (len(IMPLS) + 1) + "|"]
    for name, rs in progs.items():
        go = rs.get("go", {}).get("median")
        row = []
        for i in IMPLS:
            r = rs.get(i)
            if not r:
                row.append("—")
                continue
            spread = f" ±{100 * r['stddev'] / r['mean']:.0f}%" if r.get("stddev") else ""
            ratio = f" ({r['median'] / go:.2g}×)" if go and i != "go" else ""
            row.append(f"{r['median']:.3g} s{spread}{ratio}")
        label = f"{name.removesuffix(ONE_WORKER)}, one worker" if name.endswith(ONE_WORKER) else name
        lines.append(f"| {label} | " + " | ".join(row) + " |")
    return "\n".join(lines)


def env_lines():
    e = json.loads((RESULTS / "env.json").read_text())
    keys = ["date_utc", "git_revision", "mode", "cpu", "cpus_online", "memory_gib", "kernel", "cc", "go",
            "google_benchmark", "hyperfine", "liburing", "glibc", "crossbeam_messages"]
    return "\n".join(f"| {k} | {e.get(k, '')} |" for k in keys), e


# ---- figure data -----------------------------------------------------------

def write_dat(name, header, rows):
    d = RESULTS / "plots"
    d.mkdir(parents=True, exist_ok=True)
    with open(d / f"{name}.dat", "w") as f:
        f.write("# " + " ".join(header) + "\n")
        for r in rows:
            f.write(" ".join(str(x) for x in r) + "\n")


def val(src, impl, name):
    r = src[impl].get(name)
    return ns(r) if r else ("NaN", "NaN")


def figure_data(m, p1, parked_rows, progs):
    # spawn: one bar per implementation
    write_dat("spawn", ["impl", "ns", "sd"],
              [(i, *val(m, i, "CreateGoroutines/real_time")) for i in IMPLS])
    # handshake: same worker / cross worker, per implementation
    rows = []
    for i in IMPLS:
        same = val(p1, i, "PingPong/real_time") if i != "pthread" else ("NaN", "NaN")
        rows.append((i, *same, *val(m, i, "PingPong/real_time")))
    write_dat("handshake", ["impl", "same", "same_sd", "cross", "cross_sd"], rows)
    # buffered throughput against capacity
    rows = []
    for cap in (1, 16, 1024):
        r = [cap]
        for i in IMPLS:
            t, sd = val(m, i, f"BufferedSPSC/cap:{cap}/real_time")
            r += [t, sd]
        rows.append(r)
    write_dat("buffered", ["cap"] + [f"{i} {i}_sd" for i in IMPLS], rows)
    # contended
    rows = []
    for n in ("ChanProdCons0", "ChanProdCons100", "BufferedMPMC4x4/cap:128", "ChanContended", "ChanSem",
              "SelectSyncContended", "SelectAsyncContended"):
        r = [n.split("/")[0]]
        for i in IMPLS:
            r += list(val(m, i, n + "/real_time"))
        rows.append(r)
    write_dat("contended", ["bench"] + [f"{i} {i}_sd" for i in IMPLS], rows)
    write_dat("parked", ["impl", "bytes", "goroutines"],
              [(r["backend"], r["rss_per_goroutine"], r["goroutines"]) for r in parked_rows])
    rows = []
    for name, rs in progs.items():
        if not name.startswith("crossbeam-") or name.endswith(ONE_WORKER):
            continue
        r = [name.replace("crossbeam-", "")]
        for i in IMPLS:
            x = rs.get(i)
            r += [x["median"], x["stddev"] or 0] if x else ["NaN", "NaN"]
        rows.append(r)
    write_dat("crossbeam", ["workload"] + [f"{i} {i}_sd" for i in IMPLS], rows)


def draw():
    for gp in sorted(PLOTS.glob("*.gp")):
        if gp.name == "common.gp":
            continue
        for term in ("png", "svg"):
            subprocess.run(["gnuplot", "-e", f"term='{term}'; data='{RESULTS / 'plots'}'; out='{PLOTS}'",
                            str(gp)], check=True, cwd=PLOTS)


FIGURES = [
    ("spawn", "Spawn cost", "Go's CreateGoroutines: each goroutine starts the next and ends. "
     "The 1:1 backend pays a thread creation per goroutine; the M:N backends reuse a cached stack "
     "and pay no syscall."),
    ("handshake", "Handshake latency", "An unbuffered ping-pong round trip. On one worker the woken "
     "goroutine runs from the waker's runnext slot with no syscall; ucontext pays an rt_sigprocmask "
     "syscall per switch, pthread two futex wake-ups per round trip."),
    ("buffered", "Buffered throughput against capacity", "One producer, one consumer: time per message "
     "as the buffer grows (log scale). Larger buffers amortise the hand-offs."),
    ("contended", "Contended throughput", "Many goroutines on one channel (Go's contended benchmarks); "
     "here the channel lock's cache line and the cross-core wake-ups dominate, and a worker that "
     "finds the lock taken backs off so that the holder keeps the line for a burst of operations."),
    ("parked", "Memory per parked goroutine", "Resident memory per goroutine blocked on a channel "
     "(1,000,000 on M:N backends and Go; 10,000 threads on pthread, whose count pid_max caps)."),
    ("crossbeam", "crossbeam-channel's workloads", "The Go/Rust channel benchmark redrawn: one group "
     "per workload, one bar per implementation, wall time (hyperfine median)."),
]


def results_md(m, p1, rt, parked_md, parked_rows, progs):
    envmd, e = env_lines()
    out = ["# gort results",
           "",
           "Generated by `make results` (scripts/bench.py, scripts/report.py); every number below comes from "
           "the run described here. Times are medians of repetitions; `±` is the standard deviation as a "
           "percentage of the median; `(N×)` is the ratio to Go measured in the same run (below 1 is faster "
           "than Go).",
           "",
           "| | |", "|---|---|", envmd, "",
           "## Figures", ""]
    for name, title, text in FIGURES:
        out += [f"### {title}", "", f"![{title}](plots/{name}.svg)", "", text, ""]
    out += ["## Performance targets", "",
            "The best M:N backend against Go, each ratio from this run (issue #7). A target that is not met "
            "has the measurement of the limit it runs into in the next table where we have one.", "",
            targets_table(m, p1, parked_rows, progs), "",
            "## Each backend against its own limit", "",
            "The limit of each design measured by the same binary in the same run (`Ref/*` benchmarks, "
            "bench/micro/reference.c and wake.c; the fresh-page floor from bench/micro/freshpages.c, run "
            "in the parked benchmark's rounds, between its runs: medians of the rounds). Rows marked *(the floor)* are the least that a target's "
            "operation costs on this machine, summed from the steps it cannot do without (named in the "
            "row), read against Go's time: where that floor is at or above a target's bound, the bound "
            "cannot be met here by a design that takes those steps. Each step is the fastest of the M:N "
            "binaries' measurements of it: they run the same reference code, and code placement alone "
            "moved Ref/StartContextPair from 15 to 57 ns between binaries of one run.", "",
            limits_table(m, p1, parked_rows), "",
            "## Microbenchmarks (Google Benchmark; Go's column from `go test -bench` on the same workload)", "",
            micro_table(m, rt), "",
            "## Same worker against cross worker", "",
            "M:N backends with `GORT_PROCS=1` against all workers; Go with `GOMAXPROCS=1` against the default.",
            "", procs_table(m, p1), "",
            "## Parked goroutines", "", parked_md, "",
            "## Whole programs (hyperfine)", "", programs_table(progs), "",
            "## How to read this", "",
            "- pthread against ucontext isolates 1:1 against M:N; ucontext against asm the context switch; "
            "asm against uring parking and waking (SPEC §4).",
            "- Wall-time figures are from a shared machine; use `make bench-compare` (Mann-Whitney U) before "
            "believing a small difference, and `make gate` for deterministic instruction counts.", ""]
    (ROOT / "RESULTS.md").write_text("\n".join(out))


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--summary", action="store_true")
    ap.add_argument("--results", action="store_true")
    a = ap.parse_args()
    if not (RESULTS / "env.json").exists():
        sys.exit("report: no results/env.json: run make bench first")
    m, p1, rt = micro_all()
    parked_md, parked_rows = parked_table()
    progs = programs()
    envmd, _ = env_lines()
    summary = ["# Benchmark summary", "", "| | |", "|---|---|", envmd, "",
               "## Micro", "", micro_table(m, rt), "", "## Workers", "", procs_table(m, p1), "",
               "## Parked", "", parked_md, "", "## Programs", "", programs_table(progs), ""]
    (RESULTS / "summary.md").write_text("\n".join(summary))
    print(f"report: wrote {RESULTS / 'summary.md'}")
    if a.results:
        figure_data(m, p1, parked_rows, progs)
        draw()
        results_md(m, p1, rt, parked_md, parked_rows, progs)
        print("report: wrote RESULTS.md and plots/")


if __name__ == "__main__":
    main()
