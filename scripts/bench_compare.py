#!/usr/bin/python3
"""Wall-time A/B between this tree and another git revision, for a shared,
noisy machine (make bench-compare BASE=<rev> [BACKEND=asm] [REPS=9]).

1. Build the microbenchmarks of BASE (in a git worktree under build/compare/)
   and of this tree, for one backend.
2. Run them interleaved, one repetition at a time, alternating which goes
   first, so that drift of the machine hits both alike.  A second copy of
   this tree's binary runs in the same rounds: an A/A pair that measures the
   noise of this very run.
3. Compare with Google Benchmark's compare.py (Mann-Whitney U test).
4. Print a verdict only where the change is significant (p < alpha) and
   larger than both the A/A noise (times two) and a floor of 2%."""
import argparse
import json
import pathlib
import shutil
import subprocess
import sys
import tempfile

import bench  # scripts/bench.py: one repetition of a suite, rounds merged

ROOT = pathlib.Path(__file__).resolve().parent.parent
COMPARE = pathlib.Path("/usr/share/benchmark/compare.py")
FLOOR = 0.02


def sh(cmd, **kw):
    return subprocess.run(cmd, check=True, text=True, capture_output=True, **kw).stdout.strip()


def build(tree, backend):
    r = subprocess.run(["make", "-C", str(tree), "--no-print-directory", f"BACKENDS={backend}",
                        f"build/{backend}/bench/micro"], capture_output=True, text=True)
    if r.returncode:
        sys.exit(f"bench-compare: cannot build the microbenchmarks in {tree}:\n{r.stderr[-1500:]}")
    return tree / "build" / backend / "bench" / "micro"


def merge(runs, path):
    """The rounds as one Google Benchmark JSON (bench.py's merge_rounds) at path; the medians."""
    merged = bench.merge_rounds(runs)
    path.write_text(json.dumps(merged))
    return {b["run_name"]: b["real_time"] for b in merged["benchmarks"] if b.get("aggregate_name") == "median"}


def pvalues(a, b, alpha):
    with tempfile.NamedTemporaryFile(suffix=".json") as d:
        subprocess.run([sys.executable, str(COMPARE), "--no-color", "--alpha", str(alpha), "-d", d.name,
                        "benchmarks", str(a), str(b)], check=True, capture_output=True, text=True)
        rows = json.loads(pathlib.Path(d.name).read_text())
    p = {}
    for r in rows:
        u = r.get("utest") or {}
        if "time_pvalue" in u:
            p[r["name"]] = u["time_pvalue"]
    return p


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--base", required=True, help="git revision to compare against")
    ap.add_argument("--backend", default="asm")
    ap.add_argument("--reps", type=int, default=9)
    ap.add_argument("--filter", default="")
    ap.add_argument("--min-time", type=float, default=0.1)
    ap.add_argument("--alpha", type=float, default=0.05)
    a = ap.parse_args()
    if not COMPARE.exists():
        sys.exit("bench-compare: /usr/share/benchmark/compare.py missing (apt-get install libbenchmark-tools)")
    if a.reps < 4:
        sys.exit("bench-compare: the U test needs at least 4 repetitions on each side")
    sha = sh(["git", "-C", str(ROOT), "rev-parse", "--verify", a.base + "^{commit}"])
    base_tree = ROOT / "build" / "compare" / sha[:12]
    if not base_tree.exists():
        subprocess.run(["git", "-C", str(ROOT), "worktree", "add", "--detach", str(base_tree), sha],
                       check=True, capture_output=True)
    print(f"bench-compare: {a.base} ({sha[:12]}) against this tree, {a.backend} backend, "
          f"{a.reps} interleaved rounds", flush=True)
    base_exe, cur_exe = build(base_tree, a.backend), build(ROOT, a.backend)
    tmp = pathlib.Path(tempfile.mkdtemp(prefix="gort-compare-"))
    cur_copy = tmp / "micro-aa"
    shutil.copy2(cur_exe, cur_copy)
    runs = {"base": [], "cur": [], "aa": []}
    exes = {"base": base_exe, "cur": cur_exe, "aa": cur_copy}
    order = ["base", "cur", "aa"]
    for i in range(a.reps):
        print(f"bench-compare: round {i + 1}/{a.reps}", flush=True)
        for k in order[i % 3:] + order[:i % 3]:  # rotate who goes first
            runs[k].append(bench.run_gbench(exes[k], tmp / f"{k}-{i}.json", a.min_time, filt=a.filter or None))
    med = {k: merge(v, tmp / f"{k}.json") for k, v in runs.items()}
    p_ab = pvalues(tmp / "base.json", tmp / "cur.json", a.alpha)
    print()
    print(f"| {'benchmark':40} | {'base':>10} | {'this tree':>10} | {'change':>8} | {'A/A noise':>9} | {'p':>6} | verdict |")
    print(f"|{'-' * 42}|{'-' * 12}|{'-' * 12}|{'-' * 10}|{'-' * 11}|{'-' * 8}|---------|")
    verdicts = 0
    for name in med["cur"]:
        if name not in med["base"]:
            continue
        b, c, aa = med["base"][name], med["cur"][name], med["aa"].get(name, med["cur"][name])
        change = (c - b) / b
        noise = abs(c - aa) / aa
        p = p_ab.get(name, 1.0)
        if p < a.alpha and abs(change) > max(2 * noise, FLOOR):
            verdict = "SLOWER" if change > 0 else "faster"
            verdicts += 1
        else:
            verdict = "-"
        print(f"| {name:40} | {b:10.4g} | {c:10.4g} | {change:+8.1%} | {noise:9.1%} | {p:6.3f} | {verdict} |")
    print(f"\nbench-compare: {verdicts} significant change(s) beyond the A/A noise "
          f"(U test alpha {a.alpha}, floor {FLOOR:.0%}); raw JSON in {tmp}")


if __name__ == "__main__":
    main()
