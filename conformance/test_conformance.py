"""Run every conformance program on every backend, each in its own process.

Each program states what it expects in its opening comment:

    expect-exit: N            exit status (default 0)
    expect-stdout: TEXT       one line of the exact stdout, in order (repeatable);
                              without any, stdout is not checked
    expect-stderr: TEXT       the first line of stderr
    expect-stderr-match: RE   a regular expression that stderr must contain (repeatable)
    timeout: SECONDS          wall-clock limit (default 60); a hang is a failure
    env: NAME=VALUE           extra environment (repeatable)
    backends: B1 B2           only these backends (the others skip, saying why)

On M:N backends each program runs with GORT_PROCS=1 and GORT_PROCS=2 (and the
default, where that differs).  Exit 77 is a skip with the program's reason.
"""
import os
import re
import signal
import subprocess

import pytest

from conftest import BACKENDS, BUILD, MN_BACKENDS, ROOT, SAN

# ASan says this once per process that calls swapcontext, however well the
# switches are annotated; it is not a finding.
SANITIZER_NOTICE = re.compile(r"^==\d+==WARNING: ASan doesn't fully support makecontext/swapcontext.*\n", re.M)
SANITIZER_REPORT = re.compile(r"ERROR: (Address|Leak|Memory)Sanitizer|WARNING: ThreadSanitizer|runtime error:")


def parse_expectations(path):
    spec = {"exit": 0, "stdout": None, "stderr": None, "stderr_match": [], "timeout": 60, "env": {},
            "backends": None}
    header = path.read_text().split("*/", 1)[0]
    for line in header.splitlines():
        m = re.match(r"\s*\*?\s*(expect-exit|expect-stdout|expect-stderr-match|expect-stderr|timeout|env|backends):(.*)$", line)
        if not m:
            continue
        key, val = m.group(1), m.group(2).strip()
        if key == "expect-exit":
            spec["exit"] = int(val)
        elif key == "expect-stdout":
            spec["stdout"] = (spec["stdout"] or []) + [val]
        elif key == "expect-stderr":
            spec["stderr"] = val
        elif key == "expect-stderr-match":
            spec["stderr_match"].append(val)
        elif key == "timeout":
            spec["timeout"] = float(val)
        elif key == "env":
            k, v = val.split("=", 1)
            spec["env"][k] = v
        elif key == "backends":
            spec["backends"] = val.split()
    return spec


PROGRAMS = sorted((ROOT / "conformance").glob("*.c"))


def variants():
    ncpu = os.cpu_count() or 1
    for backend in BACKENDS:
        procs = [None]
        if backend in MN_BACKENDS:
            procs = ["1", "2"] + ([None] if ncpu not in (1, 2) else [])
        for prog in PROGRAMS:
            only = parse_expectations(prog)["backends"]
            if only is not None and backend not in only:
                continue  # not collected at all: not a behaviour of this backend
            for p in procs:
                vid = f"{backend}-{prog.stem}" + (f"-P{p}" if p else "")
                yield pytest.param(backend, prog, p, id=vid)


def run_program(exe, env, timeout):
    proc = subprocess.Popen([str(exe)], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            env=env, start_new_session=True)
    try:
        out, err = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        out, err = proc.communicate()
        return None, out.decode(errors="replace"), err.decode(errors="replace")
    return proc.returncode, out.decode(errors="replace"), err.decode(errors="replace")


def program_env(extra, procs, backend):
    env = dict(os.environ)
    env["GORT_TEST_BACKEND"] = backend
    env.pop("GORT_PROCS", None)
    env.pop("GORT_STATS", None)
    env.pop("GORT_STACK_SIZE", None)
    # Abandoned goroutines are Go's semantics (main's return ends the
    # program), so their memory is not a leak; every other ASan check stays.
    env["ASAN_OPTIONS"] = "detect_leaks=0:abort_on_error=0:" + env.get("ASAN_OPTIONS", "")
    env["TSAN_OPTIONS"] = "halt_on_error=1:atexit_sleep_ms=0:" + env.get("TSAN_OPTIONS", "")
    env["UBSAN_OPTIONS"] = "print_stacktrace=1:halt_on_error=1:" + env.get("UBSAN_OPTIONS", "")
    if procs:
        env["GORT_PROCS"] = procs
    env.update(extra)
    return env


@pytest.mark.parametrize("backend,prog,procs", list(variants()))
def test_program(backend, prog, procs):
    spec = parse_expectations(prog)
    exe = BUILD / backend / "conformance" / prog.stem
    assert exe.exists(), f"{exe} was not built (run make conformance)"
    timeout = spec["timeout"] * (4 if SAN else 1)
    rc, out, err = run_program(exe, program_env(spec["env"], procs, backend), timeout)
    where = f"{prog.stem} on {backend}" + (f" with GORT_PROCS={procs}" if procs else "")
    assert rc is not None, f"hang: {where} did not finish in {timeout:g}s\nstdout:\n{out}\nstderr:\n{err}"
    err = SANITIZER_NOTICE.sub("", err)
    if rc == 77:
        pytest.skip(err.strip().splitlines()[-1] if err.strip() else f"{where}: exit 77")
    assert not SANITIZER_REPORT.search(err), f"sanitizer report from {where}:\n{err}"
    assert rc == spec["exit"], f"{where}: exit {rc}, want {spec['exit']}\nstdout:\n{out}\nstderr:\n{err}"
    if spec["stdout"] is not None:
        want = "".join(line + "\n" for line in spec["stdout"])
        assert out == want, f"{where}: stdout differs\n--- got\n{out}--- want\n{want}"
    if spec["stderr"] is not None:
        first = err.splitlines()[0] if err else ""
        assert first == spec["stderr"], f"{where}: first stderr line {first!r}, want {spec['stderr']!r}\n{err}"
    for pattern in spec["stderr_match"]:
        assert re.search(pattern, err, re.M), f"{where}: stderr lacks /{pattern}/\n{err}"
