#!/usr/bin/python3
"""Deliberately broken variants of the runtime, each of which the conformance
suite must catch.  For every mutant: copy the tree, apply one edit, build,
run the suite on the chosen backends, and list the tests that failed.  A
mutant that no test catches fails this script.

    scripts/mutants.py [--backends "pthread asm"] [NAME...]
    scripts/mutants.py --gate      the slowed-down variants, against make gate
"""
import argparse
import os
import pathlib
import shutil
import subprocess
import sys
import tempfile

ROOT = pathlib.Path(__file__).resolve().parent.parent

MUTANTS = {
    "select-first-ready": (
        "select always takes the first ready case",
        "runtimes/common/select.c",
        "uint32_t j = (uint32_t)(draw >> 64);",
        "uint32_t j = (uint32_t)m;"),
    "select2-first-ready": (
        "a select of two cases always tries the first case first",
        "runtimes/common/select.c",
        "uint32_t first = (uint32_t)(gort__fastrand64() >> 63);",
        "uint32_t first = 0;"),
    "close-skips-receivers": (
        "close does not wake waiting receivers",
        "runtimes/common/chan.c",
        "while ((w = gort__waitq_pop(&c->recvq)) != NULL) {",
        "while (0 && (w = gort__waitq_pop(&c->recvq)) != NULL) {"),
    "buffer-lifo": (
        "a buffered channel is LIFO",
        "runtimes/common/chan.c",
        """    if (n > 0) {
        copy_elem(c, out, slot(c, c->recvx));
        if (++c->recvx == c->cap)
            c->recvx = 0;""",
        """    if (n > 0) {
        c->sendx = (c->sendx + c->cap - 1) % c->cap;
        copy_elem(c, out, slot(c, c->sendx));"""),
    "deadlock-ignores-timers": (
        "the deadlock detector ignores pending timers",
        "runtimes/common/timer.c",
        """void gort__timer_arm(gort__timer *t) {
    gort__units_inc();""",
        """void gort__timer_arm(gort__timer *t) {
    gort__units_inc();
    gort__units_dec();
    gort__units_inc();
    atomic_fetch_sub(&gort__units, 1);"""),
    "timer-unit-leak": (
        "gort_chan_free does not cancel the timer's pending unit",
        "runtimes/common/timer.c",
        """    if (!gort__timer_stop(t))
        return false;
    gort__units_dec();""",
        """    if (!gort__timer_stop(t))
        return false;"""),
    "unbuffered-is-buffered": (
        "an unbuffered channel buffers one value",
        "runtimes/common/chan.c",
        "    c->cap = cap;\n",
        "    c->cap = cap ? cap : 1;\n"),
    "select-stale-waiters": (
        "a woken select leaves its other waiters queued",
        "runtimes/common/select.c",
        "        if (w != won && w->queued) {",
        "        if (0 && w != won && w->queued) {"),
    "mutex-no-starvation": (
        "the Mutex never hands off (no starvation mode)",
        "runtimes/common/mutex.c",
        "    if (mu->starving || waited > STARVATION_NS) {",
        "    if (0) {"),
    "wg-wakes-early": (
        "WaitGroup wakes waiters before the counter reaches zero",
        "runtimes/common/waitgroup.c",
        "    if (wg->count == 0) {\n        gort__waiter *w;",
        "    if (wg->count <= 1) {\n        gort__waiter *w;"),
    "won-select-receives": (
        "a waiter of a select that already won is still handed a value",
        "runtimes/common/waitq.c",
        """            if (!atomic_compare_exchange_strong_explicit(&w->sel->done, &zero, 1,
                                                         memory_order_acq_rel,
                                                         memory_order_relaxed))
                continue; /* that select already won elsewhere */
            w->sel->winner = w;""",
        """            if (atomic_compare_exchange_strong_explicit(&w->sel->done, &zero, 1,
                                                         memory_order_acq_rel,
                                                         memory_order_relaxed))
                w->sel->winner = w;"""),
    "stack-batch-leak": (
        "a worker that takes a batch of free stacks keeps only the first",
        "runtimes/mn/stack.c",
        """            memcpy(w->free_gs, gs, n * sizeof *gs);
            w->nfree = (int)n;""",
        """            w->nfree = 0;"""),
    "stack-cache-dropped": (
        "a worker's full cache of free stacks is dropped, not handed over",
        "runtimes/mn/stack.c",
        "        batch_put(w->free_gs, GORT_G_CACHE);\n        w->nfree = 0;",
        "        w->nfree = 0;"),
    "switch-keeps-fp-env": (
        "the register switch never loads the resumed context's MXCSR and x87 control word",
        "runtimes/asm/switch_x86_64.S",
        """    cmpl (%rsp), %ecx
    jne .Lload_fpenv
    cmpw 4(%rsp), %dx
    jne .Lload_fpenv
""",
        ""),
    "close-no-zero": (
        "a receive from a closed channel leaves the destination untouched",
        "runtimes/common/chan.c",
        """    if (atomic_load_explicit(&c->closed, memory_order_relaxed)) {
        zero_elem(c, out);""",
        """    if (atomic_load_explicit(&c->closed, memory_order_relaxed)) {"""),
}


# Correct but slower variants: the deterministic gate (make gate) must fail.
GATE_MUTANTS = {
    "slow-send": (
        "an extra loop in the channel send path",
        "runtimes/common/chan.c",
        "void gort_send(gort_chan *c, const void *elem) { chan_send(c, elem, true); }",
        """void gort_send(gort_chan *c, const void *elem) {
    for (volatile int spin = 0; spin < 50; spin++)
        ;
    chan_send(c, elem, true);
}"""),
    "park-syscall": (
        "an extra syscall per park",
        "runtimes/mn/sched.c",
        """void gort__park_unlock(gort__lock *l, gort_g **self) {
    gort__worker *w = gort__this_worker();""",
        """void gort__park_unlock(gort__lock *l, gort_g **self) {
    (void)getppid();
    gort__worker *w = gort__this_worker();"""),
}


def run_gate_mutant(name):
    what, path, old, new = GATE_MUTANTS[name]
    with tempfile.TemporaryDirectory(prefix=f"gort-gate-{name}-") as tmp:
        tmp = pathlib.Path(tmp)
        if not mutated_copy(tmp, path, old, new):
            return what, None, f"edit no longer applies to {path}"
        r = subprocess.run(["make", "gate"], cwd=tmp, capture_output=True, text=True)
        if "FAILED" not in r.stdout:
            return what, [], None
        table = [l for l in r.stdout.splitlines() if l.startswith("| ") and "backend/workload" not in l]
        return what, table, None


def copy_tree(dst):
    files = subprocess.run(["git", "ls-files", "-co", "--exclude-standard"], cwd=ROOT,
                           check=True, capture_output=True, text=True).stdout.split()
    for f in files:
        src = ROOT / f
        if src.is_file():
            (dst / f).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, dst / f)


def mutated_copy(dst, path, old, new):
    """The tree, copied to dst, with one edit; False if the edit no longer applies."""
    copy_tree(dst)
    text = (dst / path).read_text()
    if old not in text:
        return False
    (dst / path).write_text(text.replace(old, new, 1))
    return True


def run_mutant(name, backends, jobs):
    what, path, old, new = MUTANTS[name]
    with tempfile.TemporaryDirectory(prefix=f"gort-mutant-{name}-") as tmp:
        tmp = pathlib.Path(tmp)
        if not mutated_copy(tmp, path, old, new):
            return what, None, f"edit no longer applies to {path}"
        b = subprocess.run(["make", f"-j{jobs}", f"BACKENDS={backends}", "conformance"], cwd=tmp,
                           capture_output=True, text=True)
        if b.returncode:
            return what, None, "does not build:\n" + b.stderr[-2000:]
        env = dict(os.environ, GORT_BUILD="build", GORT_BACKENDS=backends)
        r = subprocess.run(["/usr/bin/python3", "-m", "pytest", "-q", "-p", "no:cacheprovider",
                            "conformance/test_conformance.py"], cwd=tmp, env=env,
                           capture_output=True, text=True)
        failed = sorted({line.split("[", 1)[1].split("]", 1)[0]
                         for line in r.stdout.splitlines() if line.startswith("FAILED")})
        return what, failed, None


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--backends", default="pthread asm")
    ap.add_argument("-j", "--jobs", type=int, default=os.cpu_count() or 2)
    ap.add_argument("--gate", action="store_true", help="run the slowed-down variants against make gate")
    ap.add_argument("names", nargs="*", help="mutants to run (default: all): " + ", ".join(MUTANTS))
    a = ap.parse_args()
    if a.gate:
        caught = 0
        for name in GATE_MUTANTS:
            what, table, err = run_gate_mutant(name)
            if err or not table:
                print(f"{name}: {'ERROR ' + err if err else 'SURVIVED'} ({what})")
                continue
            caught += 1
            print(f"{name}: caught by make gate ({what}); {len(table)} metrics rose, e.g.")
            for line in table[:4]:
                print("   " + line)
        print(f"{caught} of {len(GATE_MUTANTS)} slowed-down variants caught by the gate")
        return 0 if caught == len(GATE_MUTANTS) else 1
    names = a.names or list(MUTANTS)
    bad = [n for n in names if n not in MUTANTS]
    if bad:
        ap.error("unknown mutant(s): " + ", ".join(bad))
    survivors = 0
    for i, name in enumerate(names, 1):
        print(f"[{i}/{len(names)}] {name}: ", end="", flush=True)
        what, failed, err = run_mutant(name, a.backends, a.jobs)
        if err:
            print(f"ERROR ({what}): {err}")
            survivors += 1
        elif not failed:
            print(f"SURVIVED ({what}): no test failed")
            survivors += 1
        else:
            shown = ", ".join(failed[:6]) + (f", ... ({len(failed)} in all)" if len(failed) > 6 else "")
            print(f"caught ({what}) by {shown}")
    print(f"{len(names) - survivors} of {len(names)} mutants caught")
    return 1 if survivors else 0


if __name__ == "__main__":
    sys.exit(main())
