"""deep.py: the big stack is asked for, not assumed (ulimit -v, no threads at all), and the
interpreter-wide recursion limit and GC switch are restored after every conversion."""
from __future__ import annotations

import gc
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from transpiler import TranspileError, deep, transpile

ROOT = Path(__file__).resolve().parents[2]
SMALL = "import tensorflow as tf\n\n@tf.function\ndef f(x):\n    if x > 0:\n        x = x * 2\n    return x\n"


def long_sum(n: int) -> str:
    return ("import tensorflow as tf\n\n@tf.function\ndef f(x):\n    if x > 0:\n        x = "
            + " + ".join(["x"] * n) + "\n    return x\n")


def _convert_limited(kib: int, source: str):
    code = ("import resource, sys\n"
            f"resource.setrlimit(resource.RLIMIT_AS, ({kib} * 1024, {kib} * 1024))\n"
            "sys.argv = ['agx', 'convert', '-']\nfrom cli import main\nmain()\n")
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    return subprocess.run([sys.executable, "-c", code], input=source, capture_output=True, text=True,
                          env=env, cwd=str(ROOT), timeout=120)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="RLIMIT_AS semantics")
def test_converts_under_an_address_space_limit():
    proc = _convert_limited(500_000, SMALL)  # `ulimit -v 500000`: no room for a 512 MiB stack
    assert proc.returncode == 0, proc.stderr
    assert "tf.cond(" in proc.stdout and "AGX000" not in proc.stderr


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="RLIMIT_AS semantics")
def test_smaller_stack_lowers_the_depth_with_an_honest_agx109():
    # 2,900 terms: CPython compiles it (a 5,000-term one it refuses: AGX001), agx's smaller stack cannot
    proc = _convert_limited(120_000, long_sum(2900))
    assert proc.returncode == 1 and "error[AGX109]" in proc.stderr and "Traceback" not in proc.stderr
    assert "more than about 6,000 levels" not in proc.stderr  # the depth actually available is stated


def test_no_thread_at_all_runs_on_the_calling_thread(monkeypatch):
    def cannot_start(self):
        raise RuntimeError("can't start new thread")
    deep.retire()  # the deep thread an earlier conversion kept: the next one must start its own
    monkeypatch.setattr(threading.Thread, "start", cannot_start)
    limit = sys.getrecursionlimit()
    assert "tf.cond(" in transpile(SMALL)
    with pytest.raises(TranspileError) as info:
        transpile(long_sum(5000), filename="deep.py", strict=True)
    assert [d.code for d in info.value.diagnostics] == ["AGX109"]
    assert sys.getrecursionlimit() == limit
    monkeypatch.undo()
    assert "tf.cond(" in transpile(long_sum(50))  # the caller's thread is not left marked as deep


def test_the_deep_thread_is_kept_between_conversions():
    deep.retire()
    transpile(SMALL)
    first = deep._worker[0]
    transpile(SMALL)
    assert first is not None and deep._worker[0] is first and first.thread.is_alive()
    transpile(long_sum(3000))  # a long conversion may have touched much of its stack: a fresh one next
    assert deep._worker[0] is None
    assert "tf.cond(" in transpile(SMALL) and deep._worker[0].thread.is_alive()


def test_stack_sizes_halve_down_to_the_minimum():
    sizes = list(deep.stack_sizes())
    assert sizes[0] == deep.STACK_BYTES and sizes[-1] == deep.MIN_STACK_BYTES
    assert all(a == 2 * b for a, b in zip(sizes, sizes[1:]))


@pytest.mark.parametrize("source", [SMALL, long_sum(5000), "def f(:\n"])
def test_global_state_is_restored(source):
    limit, stack, enabled = sys.getrecursionlimit(), threading.stack_size(), gc.isenabled()
    try:
        transpile(source)
    except TranspileError:
        pass
    assert (sys.getrecursionlimit(), threading.stack_size(), gc.isenabled()) == (limit, stack, enabled)


def test_gc_left_off_if_the_caller_had_it_off():
    gc.disable()
    try:
        transpile(SMALL)
        assert not gc.isenabled()
    finally:
        gc.enable()
