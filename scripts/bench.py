#!/usr/bin/python3
"""Run every benchmark on every backend and on Go, writing results/.

  results/env.json                  machine, kernel, compilers, versions, git revision
  results/micro/<impl>[-P1].json    Google Benchmark JSON (Go's converted to the same shape)
  results/micro/go-runtime.json     Go's own runtime benchmarks (a second reference row)
  results/parked.json               memory per parked goroutine
  results/freshpages.json           the floor under spawning them: fresh stack pages alone
  results/programs/<name>.json|.md  hyperfine exports, rounds merged (one per program/workload)
  results/summary.md                tables of medians and ratios to Go (scripts/report.py)

Invoked by `make bench` (QUICK=1: a smoke run of under two minutes)."""
import argparse
import json
import os
import pathlib
import platform
import re
import shutil
import statistics
import subprocess
import sys
import time

ROOT = pathlib.Path(__file__).resolve().parent.parent
RESULTS = ROOT / "results"
MN = ("ucontext", "asm", "uring")
# the benchmarks run again on one worker (GORT_PROCS=1, GOMAXPROCS=1): all
# but the references, which do not depend on the workers (the performance
# targets of RESULTS.md hold at one worker and at all of them)
P1_FILTER = "^[^R]"
T0 = time.time()


def log(msg):
    print(f"[bench {time.time() - T0:6.1f}s] {msg}", flush=True)


def sh(cmd, **kw):
    return subprocess.run(cmd, check=True, text=True, capture_output=True, **kw).stdout


def first_line(cmd):
    try:
        return sh(cmd).strip().splitlines()[0]
    except (OSError, subprocess.CalledProcessError, IndexError):
        return "unavailable"


def dpkg_version(pkg):
    return first_line(["dpkg-query", "-W", "-f=${Version}", pkg])


def environment(quick):
    cpu = "unknown"
    for line in pathlib.Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            cpu = line.split(":", 1)[1].strip()
            break
    mem = pathlib.Path("/proc/meminfo").read_text().splitlines()[0].split()[1]
    rev = first_line(["git", "-C", str(ROOT), "rev-parse", "--short=12", "HEAD"])
    # uncommitted changes to anything but the generated outputs make the run "-dirty"
    dirty = subprocess.run(["git", "-C", str(ROOT), "diff", "--quiet", "HEAD", "--", ".", ":!results",
                            ":!RESULTS.md", ":!plots/*.png", ":!plots/*.svg"]).returncode != 0
    return {
        "date_utc": time.strftime("%Y-%m-%d %H:%M:%S", time.gmtime()),
        "git_revision": rev + ("-dirty" if dirty else ""),
        "mode": "quick" if quick else "full",
        "cpu": cpu,
        "cpus_online": os.cpu_count(),
        "memory_gib": round(int(mem) / 2**20, 1),
        "kernel": platform.release(),
        "machine": platform.machine(),
        "cc": first_line(["cc", "--version"]),
        "go": first_line(["go", "version"]),
        "google_benchmark": dpkg_version("libbenchmark-dev"),
        "hyperfine": first_line(["hyperfine", "--version"]),
        "liburing": dpkg_version("liburing-dev"),
        "glibc": platform.libc_ver()[1],
    }


def run_gbench(exe, out, min_time, env=None, filt=None):
    """One repetition of a Google Benchmark binary's suite into out (JSON), which it returns.
    Repetitions are rounds, interleaved with other binaries (micro_rounds, bench_compare.py)."""
    # A warm-up before each benchmark, as go test's first b.N=1 run is one: with one
    # repetition per process the first run of SpawnWait/n:100000 at one worker, which
    # faults in 100,000 fresh stacks (1-1.5 s against 13 ms after), would otherwise be
    # the figure.
    cmd = [str(exe), "--benchmark_repetitions=1", f"--benchmark_min_time={min_time}",
           f"--benchmark_min_warmup_time={min_time / 4}",
           "--benchmark_display_aggregates_only=true", f"--benchmark_out={out}",
           "--benchmark_out_format=json"]
    if filt:
        cmd.append(f"--benchmark_filter={filt}")
    subprocess.run(cmd, check=True, env=dict(os.environ, **(env or {})), stdout=subprocess.DEVNULL)
    relative_executable(out)
    return json.loads(pathlib.Path(out).read_text())


def relative_executable(path):
    """Google Benchmark records the binary's absolute path; keep it relative to
    the checkout, so committed results name no directory of the machine."""
    data = json.loads(path.read_text())
    exe = data.get("context", {}).get("executable", "")
    if exe.startswith(str(ROOT) + "/"):
        data["context"]["executable"] = exe[len(str(ROOT)) + 1:]
        path.write_text(json.dumps(data, indent=2) + "\n")


GO_LINE = re.compile(r"^Benchmark(\S+?)(?:-\d+)?\s+(\d+)\s+([\d.]+) ns/op")


def go_name(name):
    """Go's Benchmark/sub=x names, spelled as Google Benchmark's (arg:x/real_time)."""
    return name.replace("=", ":") + "/real_time"


def aggregates(name, times, unit="ns"):
    """Google Benchmark's aggregate entries (mean, median, stddev) for one benchmark's repetitions."""
    return [{"name": f"{name}_{agg}", "run_name": name, "run_type": "aggregate", "aggregate_name": agg,
             "repetitions": len(times), "real_time": val, "cpu_time": val, "time_unit": unit}
            for agg, val in (("mean", statistics.mean(times)), ("median", statistics.median(times)),
                             ("stddev", statistics.stdev(times) if len(times) > 1 else 0.0))]


def go_to_gbench(text, context):
    """go test -bench output -> Google Benchmark JSON (iterations + aggregates)."""
    runs = {}
    for line in text.splitlines():
        m = GO_LINE.match(line)
        if m:
            runs.setdefault(go_name(m.group(1)), []).append((int(m.group(2)), float(m.group(3))))
    benchmarks = []
    for name, rs in runs.items():
        for i, (iters, ns) in enumerate(rs):
            benchmarks.append({"name": name, "run_name": name, "run_type": "iteration",
                               "repetitions": len(rs), "repetition_index": i, "iterations": iters,
                               "real_time": ns, "cpu_time": ns, "time_unit": "ns"})
        benchmarks += aggregates(name, [ns for _, ns in rs])
    return {"context": context, "benchmarks": benchmarks}


def merge_rounds(parts):
    """One Google Benchmark JSON from one-repetition runs of the same suite: each round's
    iterations become the repetitions, aggregated as Google Benchmark aggregates them."""
    runs, first_error = {}, {}
    for r, part in enumerate(parts):
        for b in part["benchmarks"]:
            if b.get("run_type") == "aggregate":
                continue
            name = b.get("run_name", b["name"])
            if b.get("error_occurred"):
                first_error.setdefault(name, b)
                continue
            runs.setdefault(name, []).append(dict(b, repetitions=len(parts), repetition_index=r))
    benchmarks = list(first_error.values())
    for name, bs in runs.items():
        benchmarks += bs + aggregates(name, [b["real_time"] for b in bs], bs[0].get("time_unit", "ns"))
    return {"context": parts[0]["context"], "benchmarks": benchmarks}


def run_go_micro(build, out, benchtime, env=None, filt="."):
    """One repetition of the Go peers' suite, as Google Benchmark JSON, into out."""
    exe = build / "go" / "bench" / "micro.test"
    text = sh([str(exe), "-test.run", "XXX", "-test.bench", filt, "-test.count", "1",
               "-test.benchtime", benchtime], env=dict(os.environ, **(env or {})))
    ctx = {"gort_backend": "go", "gort_procs": (env or {}).get("GOMAXPROCS", str(os.cpu_count()))}
    out.write_text(json.dumps(go_to_gbench(text, ctx), indent=1))


def run_go_runtime(out, reps):
    text = sh(["go", "test", "-run", "XXX", "-bench",
               "^Benchmark(Chan(Sync|ProdCons(0|10|100)|Uncontended|Contended|Nonblocking|Creation|Sem)"
               "|Select(Uncontended|SyncContended|AsyncContended|Nonblock)|CreateGoroutines)$",
               "-count", str(reps), "runtime"],
              env=dict(os.environ, GOFLAGS="-mod=mod", GOPROXY="off",
                       GOCACHE=str(ROOT / "build" / "go" / "cache")))
    out.write_text(json.dumps(go_to_gbench(text, {"gort_backend": "go-runtime"}), indent=1))


def micro_rounds(build, backends, rounds, min_time, benchtime):
    """Every implementation's micro suite, once per round (one repetition each), the
    order rotated from round to round; each implementation's rounds are then merged
    into its results/micro/<impl>[-P1].json.  The machine's speed drifts over the
    minutes of a run (Go's whole suite once ran 30% faster in one run than in the
    last, ours unchanged), so a ratio is only fair when both sides are measured
    across the same stretch of time: interleaving does that, where running each
    suite's repetitions back to back did not."""
    def micro(b):
        return build / b / "bench" / "micro"
    jobs = []
    for b in backends:
        jobs.append((b, lambda out, b=b: run_gbench(micro(b), out, min_time)))
        if b in MN:
            jobs.append((f"{b}-P1", lambda out, b=b: run_gbench(micro(b), out, min_time, env={"GORT_PROCS": "1"},
                                                                 filt=P1_FILTER)))
    jobs.append(("go", lambda out: run_go_micro(build, out, benchtime)))
    jobs.append(("go-P1", lambda out: run_go_micro(build, out, benchtime, env={"GOMAXPROCS": "1"},
                                                   filt=P1_FILTER)))
    parts = {key: [] for key, _ in jobs}
    for r in range(rounds):
        k = r % len(jobs)
        for key, run in jobs[k:] + jobs[:k]:
            log(f"micro: round {r + 1}/{rounds}: {key}" + (" (one worker)" if key.endswith("-P1") else ""))
            out = RESULTS / "micro" / f"{key}.round.json"
            run(out)
            parts[key].append(json.loads(out.read_text()))
            out.unlink()
    for key, ps in parts.items():
        (RESULTS / "micro" / f"{key}.json").write_text(json.dumps(merge_rounds(ps), indent=1) + "\n")


def parked(build, backends, rounds, quick):
    """Spawn-and-park runs of every implementation, and the fresh-page floor under
    them, once per round in an order rotated from round to round, as micro_rounds
    does: one run of a million goroutines faults gigabytes of fresh pages, whose
    cost on this VM drifts by 2x over minutes, so each figure is a median of rounds
    taken across the same stretch of time as the others."""
    jobs, many = [], 100000 if quick else 1000000
    for impl in list(backends) + ["go"]:
        # pid_max (32,768 here) caps the 1:1 backend: a goroutine is a thread
        n = 10000 if impl == "pthread" else many
        jobs.append((impl, f"{n} goroutines on {impl}", [str(build / impl / "bench" / "parked"), str(n)]))
    # the floor under the M:N spawns: as many fresh stack pages, populated and touched
    # the way the M:N runtime does, on one thread and on two (the spawner and the carver)
    for threads in (1, 2):
        jobs.append((f"floor{threads}", f"the floor, {many} fresh stack pages on {threads} thread(s)",
                     [str(build / "bench" / "freshpages"), str(many), str(threads)]))
    runs = {key: [] for key, _, _ in jobs}
    for r in range(rounds):
        for key, what, cmd in jobs[r % len(jobs):] + jobs[:r % len(jobs)]:
            log(f"parked: round {r + 1}/{rounds}: {what}")
            runs[key].append(json.loads(sh(cmd)))
    rows = [median_run(runs[key], ("spawn_park_s", "wake_finish_s", "rss_bytes", "rss_per_goroutine"))
            for key, _, _ in jobs if not key.startswith("floor")]
    (RESULTS / "parked.json").write_text(json.dumps(rows, indent=1) + "\n")
    one, two = (median_run(runs[f"floor{t}"], ("seconds", "us_per_page")) for t in (1, 2))
    floor = {"pages": one["pages"], "stride_bytes": one["stride_bytes"], "rounds": rounds,
             "seconds": one["seconds"], "us_per_page": one["us_per_page"], "seconds_rounds": one["seconds_rounds"],
             "two_threads_seconds": two["seconds"], "two_threads_us_per_page": two["us_per_page"],
             "two_threads_seconds_rounds": two["seconds_rounds"]}
    (RESULTS / "freshpages.json").write_text(json.dumps(floor, indent=1) + "\n")


def median_run(runs, fields):
    """The first run's record with each of fields replaced by its median over runs;
    the first field's value in every round is kept beside it as <field>_rounds."""
    row = dict(runs[0], rounds=len(runs))
    for f in fields:
        m = statistics.median(r[f] for r in runs)
        row[f] = int(m) if float(m).is_integer() else round(m, 6)
    row[fields[0] + "_rounds"] = [r[fields[0]] for r in runs]
    return row


# The 1:1 and ucontext backends take seconds a run where the others take
# tens of milliseconds, and Go's times are the most spread (the prime sieve
# ranged 0.2-0.48 s in one session), so the fast implementations get more
# runs for a steadier median at little cost.  Each group runs in rounds, as
# the micro suite does: hyperfine times a group's commands one after the
# other, all runs of each, so one command's runs shared a minute of the
# machine that another's did not (the sieve at one worker, asm's ten runs
# 0.10-0.18 s in one stretch, 0.09-0.11 s a few minutes on).  Each round
# runs every command of the group a few times, in an order rotated from
# round to round, and the rounds' exports are merged.
SLOW_IMPLS = ("pthread", "ucontext")


def merge_hyperfine(parts):
    """One hyperfine result from the rounds' results of one command: the runs
    pooled, and the statistics hyperfine exports computed over all of them."""
    times = [t for p in parts for t in p["times"]]
    n = len(times)
    return dict(parts[0], times=times, exit_codes=[c for p in parts for c in p.get("exit_codes", [])],
                mean=statistics.mean(times), stddev=statistics.stdev(times) if n > 1 else None,
                median=statistics.median(times), min=min(times), max=max(times),
                user=sum(p["user"] * len(p["times"]) for p in parts) / n,
                system=sum(p["system"] * len(p["times"]) for p in parts) / n)


def hyperfine_markdown(results):
    """hyperfine's Markdown table, over the merged runs, with the median (the
    figure RESULTS.md reports) and its ratio to Go's."""
    unit, scale = ("ms", 1e3) if max(r["median"] for r in results) < 1 else ("s", 1)
    go = next((r["median"] for r in results if r["parameters"]["impl"] == "go"), None)
    lines = [f"| Command | Median [{unit}] | Mean [{unit}] | Min [{unit}] | Max [{unit}] | Runs | × Go (median) |",
             "|:---|---:|---:|---:|---:|---:|---:|"]
    for r in results:
        sd = f" ± {r['stddev'] * scale:.1f}" if r["stddev"] else ""
        ratio = f"{r['median'] / go:.2f}" if go else "—"
        lines.append(f"| `{r['command']}` | {r['median'] * scale:.1f} | {r['mean'] * scale:.1f}{sd} | "
                     f"{r['min'] * scale:.1f} | {r['max'] * scale:.1f} | {len(r['times'])} | {ratio} |")
    return "\n".join(lines) + "\n"


def hyperfine(build, name, args, impls, runs, warmup, rounds, slug=None, env=None):
    slug = slug or name
    out = RESULTS / "programs"
    groups = [([i for i in impls if i in SLOW_IMPLS], runs[0]), ([i for i in impls if i not in SLOW_IMPLS], runs[1])]
    parts = {i: [] for i in impls}
    for group, n in (g for g in groups if g[0]):
        k = min(rounds, n)
        for r in range(k):
            order = group[r % len(group):] + group[:r % len(group)]
            part = out / f"{slug}.part.json"
            # the warm-up (page cache, CPU frequency) only before the first round
            cmd = ["hyperfine", "-N", "--style", "none", "--warmup", str(warmup if r == 0 else 0),
                   "--runs", str(n // k + (r < n % k)), "-L", "impl", ",".join(order),
                   "--command-name", f"{slug} {{impl}}", "--export-json", str(part),
                   f"{build}/{{impl}}/bench/programs/{name} {args}"]
            subprocess.run(cmd, check=True, env=dict(os.environ, **(env or {})), stdout=subprocess.DEVNULL)
            for res in json.loads(part.read_text())["results"]:
                parts[res["parameters"]["impl"]].append(res)
            part.unlink()
    merged = [merge_hyperfine(parts[i]) for i in impls if parts[i]]
    (out / f"{slug}.json").write_text(json.dumps({"results": merged}, indent=2) + "\n")
    (out / f"{slug}.md").write_text(hyperfine_markdown(merged))


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--build", default="build")
    ap.add_argument("--backends", default="pthread ucontext asm uring")
    ap.add_argument("--quick", action="store_true", help="a smoke run of under two minutes")
    a = ap.parse_args()
    build = ROOT / a.build
    backends = a.backends.split()
    for tool in ("hyperfine", "go"):
        if not shutil.which(tool):
            sys.exit(f"bench: {tool} not found (make bench installs it: scripts/deps.sh bench)")

    # micro: rounds (the repetitions, interleaved), Google Benchmark's min time, Go's benchtime
    rounds, min_time, benchtime = (1, 0.02, "20ms") if a.quick else (7, 0.2, "200ms")
    # hyperfine runs of (pthread and ucontext, the rest)
    runs, warmup = ((1, 1), 0) if a.quick else ((3, 10), 1)
    prog_rounds = 1 if a.quick else 5
    messages = 50000 if a.quick else int(os.environ.get("CROSSBEAM_MESSAGES", "500000"))

    for d in ("micro", "programs"):
        (RESULTS / d).mkdir(parents=True, exist_ok=True)
    env = environment(a.quick)
    env["crossbeam_messages"] = messages
    (RESULTS / "env.json").write_text(json.dumps(env, indent=1))
    log(f"{env['cpu']}, {env['cpus_online']} CPUs, kernel {env['kernel']}, revision {env['git_revision']}")

    micro_rounds(build, backends, rounds, min_time, benchtime)
    if not a.quick:
        log("micro: Go's own runtime benchmarks (go test runtime)")
        run_go_runtime(RESULTS / "micro" / "go-runtime.json", rounds)

    parked(build, backends, 1 if a.quick else 3, a.quick)

    impls = backends + ["go"]
    q = a.quick
    for name, args in (("worker_pool", "20000" if q else "200000"), ("prime_sieve", "300" if q else "2000"),
                       ("pipeline", "20000" if q else "200000"), ("fanout", "200" if q else "2000")):
        log(f"programs: {name} {args} under hyperfine")
        hyperfine(build, name, args, impls, runs, warmup, prog_rounds)
    workloads = [(w, c) for c in ("0", "1") for w in ("spsc", "mpsc", "mpmc", "select_rx", "select_both")]
    workloads += [(w, "N") for w in ("seq", "spsc", "mpsc", "mpmc", "select_rx", "select_both")]
    for i, (w, c) in enumerate(workloads, 1):
        slug = f"crossbeam-bounded{c if c != 'N' else ''}_{w}"
        log(f"programs: crossbeam {i}/{len(workloads)}: {w} cap {c}, {messages} messages")
        hyperfine(build, "crossbeam", f"{w} {c} {messages}", impls, runs, warmup, prog_rounds, slug)

    # the whole-program targets again on one worker (the pthread backend has no workers)
    one = {"GORT_PROCS": "1", "GOMAXPROCS": "1"}
    for name, args, slug in (("prime_sieve", "300" if q else "2000", "prime_sieve"),
                             ("crossbeam", f"spsc 0 {messages}", "crossbeam-bounded0_spsc")):
        log(f"programs: {slug} on one worker (GORT_PROCS=1, GOMAXPROCS=1)")
        hyperfine(build, name, args, [i for i in impls if i != "pthread"], runs, warmup, prog_rounds, f"{slug}-p1",
                  one)

    subprocess.run([sys.executable, str(ROOT / "scripts" / "report.py"), "--summary"], check=True)
    log(f"done: results/ ({time.time() - T0:.0f}s)")


if __name__ == "__main__":
    main()
