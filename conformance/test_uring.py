"""The uring backend where the kernel refuses io_uring: gort_main says
"gort: uring backend unavailable: REASON" and exits 77 (SPEC 3), which the
suite reports as a skip.  The refusal is simulated through
GORT_TEST_URING_UNAVAILABLE, read only by the uring backend for this test."""
import subprocess

import pytest

from conftest import BACKENDS, BUILD


@pytest.mark.skipif("uring" not in BACKENDS, reason="uring backend not under test")
@pytest.mark.parametrize("what,reason", [
    ("setup", "io_uring_setup failed: Operation not permitted"),
    ("msg_ring", "kernel lacks IORING_OP_MSG_RING"),
])
def test_unavailable_exits_77(what, reason):
    exe = BUILD / "uring" / "conformance" / "go_does_not_wait"
    r = subprocess.run([str(exe)], capture_output=True, text=True, timeout=60,
                       env={"GORT_TEST_URING_UNAVAILABLE": what, "PATH": "/usr/bin:/bin",
                            "ASAN_OPTIONS": "detect_leaks=0", "TSAN_OPTIONS": "atexit_sleep_ms=0"})
    assert r.returncode == 77, r.stderr
    assert r.stdout == "", "main must not run"
    lines = [l for l in r.stderr.splitlines() if l.startswith("gort:")]
    assert lines and lines[0].startswith("gort: uring backend unavailable: " + reason), r.stderr
