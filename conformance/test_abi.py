"""The ABI check: each backend's libgort.so exports exactly the gort_*
functions that include/gort.h declares, no more and no fewer (SPEC 2)."""
import re
import subprocess

import pytest

from conftest import BACKENDS, BUILD, ROOT


def declared():
    text = (ROOT / "include" / "gort.h").read_text()
    return set(re.findall(r"^GORT_API\b[^(]*?\b(gort_\w+)\s*\(", text, re.M))


def exported(lib):
    out = subprocess.run(["nm", "-D", "--defined-only", str(lib)], check=True,
                         capture_output=True, text=True).stdout
    syms = set()
    for line in out.splitlines():
        parts = line.split()
        if len(parts) == 3 and parts[1] != "A":  # "A" lines are version nodes
            syms.add(parts[2].split("@")[0])
    return syms


def test_header_declares_the_spec_abi():
    assert len(declared()) == 26, sorted(declared())


@pytest.mark.parametrize("backend", BACKENDS)
def test_exports_match_header(backend):
    lib = BUILD / backend / "libgort.so"
    assert lib.exists(), f"{lib} not built"
    got, want = exported(lib), declared()
    assert got - want == set(), f"{backend} exports symbols gort.h does not declare"
    assert want - got == set(), f"{backend} lacks symbols that gort.h declares"
