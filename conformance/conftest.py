"""Shared settings for the conformance suite (see test_conformance.py)."""
import os
import pathlib

ROOT = pathlib.Path(__file__).resolve().parent.parent
BUILD = ROOT / os.environ.get("GORT_BUILD", "build")
BACKENDS = os.environ.get("GORT_BACKENDS", "pthread ucontext asm uring").split()
SAN = os.environ.get("GORT_SAN", "")
MN_BACKENDS = {"ucontext", "asm", "uring"}
