#!/usr/bin/python3
"""The deterministic regression gate: cost per operation that a shared,
noisy machine cannot blur.

For each M:N backend and each workload of bench/gate/gate.c, with
GORT_PROCS=1:
  - instructions per op (Ir) and syscalls per op, from callgrind, counting
    only the measured loop (callgrind start/stop requests; syscalls through
    --collect-systime);
  - GORT_STATS counters per op (parks, switches, futex, io_uring, ring
    messages), from two native runs of N and 2N ops, differenced so that
    start-up cancels out.
Compared with results/baseline/gate.json: a metric that rose by more than
the threshold fails the gate, with a table of what rose and by how much.

  gate.py            compare (make gate)
  gate.py --update   measure and write the baseline (make baseline)"""
import argparse
import json
import os
import pathlib
import re
import subprocess
import sys
import tempfile

ROOT = pathlib.Path(__file__).resolve().parent.parent
BASELINE = ROOT / "results" / "baseline" / "gate.json"
BACKENDS = ["ucontext", "asm", "uring"]
WORKLOADS = {"pingpong": 2000, "buffered": 5000, "select": 2000, "spawn": 2000, "mutex": 2000,
             "waitgroup": 5000}
STATS = ["context_switches", "parks", "wakeups", "futex_waits", "futex_wakes", "io_uring_enters",
         "ring_msgs", "worker_parks"]
REL_THRESHOLD = 0.03   # instructions per op may rise 3%
ABS_THRESHOLD = 0.02   # a count per op (syscalls, parks) may rise 0.02 (one in fifty ops)


def env():
    e = {k: v for k, v in os.environ.items() if not k.startswith("GORT_")}
    e["GORT_PROCS"] = "1"
    return e


def callgrind(exe, workload, n):
    with tempfile.TemporaryDirectory() as tmp:
        out = pathlib.Path(tmp) / "cg.out"
        subprocess.run(["valgrind", "--tool=callgrind", "--instr-atstart=no", "--collect-systime=yes",
                        f"--callgrind-out-file={out}", str(exe), workload, str(n)],
                       check=True, env=env(), capture_output=True, text=True)
        text = out.read_text()
    events = re.search(r"^events:\s*(.*)$", text, re.M).group(1).split()
    m = re.search(r"^totals:\s*(.*)$", text, re.M) or re.search(r"^summary:\s*(.*)$", text, re.M)
    totals = [int(x) for x in m.group(1).split()]
    t = dict(zip(events, totals))
    return t.get("Ir", 0) / n, t.get("sysCount", 0) / n


def stats(exe, workload, n):
    r = subprocess.run([str(exe), workload, str(n)], check=True, capture_output=True, text=True,
                       env=dict(env(), GORT_STATS="1"))
    return {m.group(1): int(m.group(2)) for m in re.finditer(r"^gort-stats: (\w+)=(\d+)$", r.stderr, re.M)}


def measure(build):
    out = {}
    for b in BACKENDS:
        exe = build / b / "bench" / "gate"
        if not exe.exists():
            sys.exit(f"gate: {exe} not built (make gate builds it)")
        for w, n in WORKLOADS.items():
            print(f"gate: {b} {w} (n={n})", flush=True)
            ir, sysc = callgrind(exe, w, n)
            s1, s2 = stats(exe, w, n), stats(exe, w, 2 * n)
            row = {"instructions": round(ir, 2), "syscalls": round(sysc, 4)}
            for k in STATS:
                row[k] = round((s2.get(k, 0) - s1.get(k, 0)) / n, 4)
            out[f"{b}/{w}"] = row
    return out


def compare(base, now):
    rose, lines = [], []
    for key in sorted(now):
        if key not in base:
            lines.append(f"  {key}: new (no baseline)")
            continue
        for metric, v in now[key].items():
            b = base[key].get(metric)
            if b is None:
                continue
            if metric == "instructions":
                bad = v > b * (1 + REL_THRESHOLD)
            else:
                bad = v > b + ABS_THRESHOLD
            if bad:
                pct = f"{100 * (v - b) / b:+.1f}%" if b else "new"
                rose.append((key, metric, b, v, pct))
    return rose, lines


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--update", action="store_true")
    ap.add_argument("--build", default="build")
    a = ap.parse_args()
    now = measure(ROOT / a.build)
    if a.update:
        BASELINE.parent.mkdir(parents=True, exist_ok=True)
        BASELINE.write_text(json.dumps({"thresholds": {"instructions_relative": REL_THRESHOLD,
                                                       "counts_absolute": ABS_THRESHOLD},
                                        "per_op": now}, indent=1, sort_keys=True) + "\n")
        print(f"gate: baseline written to {BASELINE.relative_to(ROOT)}")
        return 0
    if not BASELINE.exists():
        sys.exit("gate: no baseline (make baseline)")
    base = json.loads(BASELINE.read_text())["per_op"]
    rose, notes = compare(base, now)
    for n in notes:
        print(n)
    print(f"gate: {len(now)} backend/workload pairs, instructions within +{REL_THRESHOLD:.0%}, "
          f"counts per op within +{ABS_THRESHOLD}")
    if not rose:
        print("gate: no regression")
        return 0
    print("\ngate: FAILED, per operation these rose past the threshold:\n")
    print(f"| {'backend/workload':24} | {'metric':18} | {'baseline':>12} | {'now':>12} | {'change':>8} |")
    print(f"|{'-' * 26}|{'-' * 20}|{'-' * 14}|{'-' * 14}|{'-' * 10}|")
    for key, metric, b, v, pct in rose:
        print(f"| {key:24} | {metric:18} | {b:12.4g} | {v:12.4g} | {pct:>8} |")
    print("\n(refresh on purpose with: make baseline)")
    return 1


if __name__ == "__main__":
    sys.exit(main())
