"""The type-safe layer: directional handles are enforced by the compiler.
Sending on a receive-only handle (Go's <-chan T) or receiving on a send-only
one (chan<- T) must not compile; the correct program must."""
import subprocess

import pytest

from conftest import ROOT

PROGRAM = r"""
#include <gort.h>
GORT_CHAN_TYPE(intch, int)
static int real_main(int argc, char **argv) {
    (void)argc, (void)argv;
    intch c = intch_make(1);
    intch_tx tx = c.tx;
    intch_rx rx = c.rx;
    %s
    return 0;
}
int main(int argc, char **argv) { return gort_main(real_main, argc, argv); }
"""


def compiles(body, tmp_path):
    src = tmp_path / "t.c"
    src.write_text(PROGRAM % body)
    r = subprocess.run(["cc", "-std=c11", "-Wall", "-Wextra", "-Werror", "-I", str(ROOT / "include"),
                        "-c", str(src), "-o", str(tmp_path / "t.o")], capture_output=True, text=True)
    return r.returncode == 0, r.stderr


def test_correct_use_compiles(tmp_path):
    ok, err = compiles("intch_send(tx, 1); int v = 0; intch_recv(rx, &v); (void)v;", tmp_path)
    assert ok, err


@pytest.mark.parametrize("body,what", [
    ("intch_send(rx, 1);", "send on a receive-only handle"),
    ("int v; intch_recv(tx, &v);", "receive on a send-only handle"),
    ("intch_close(rx);", "close of a receive-only handle"),
    ("intch_send(c, 1);", "bidirectional value where a handle is needed"),
    ("long v = 0; intch_recv(rx, &v);", "receive into the wrong element type"),
])
def test_misuse_does_not_compile(body, what, tmp_path):
    ok, _ = compiles(body + " (void)tx; (void)rx;", tmp_path)
    assert not ok, f"{what} compiled"
