"""Deeply nested input without RecursionError: run the conversion on a thread with a big stack.

Python parses `x + x + ... + x` (5,000 terms) into a 5,000-deep tree, and compiles it fine;
every recursive walk over it (ast construction, gast conversion, analysis, emit) needs
about one Python frame per level. agx therefore runs each conversion on a thread of its own
whose C stack is big enough, with a recursion limit in proportion to that stack
(`RECURSION_LIMIT` for `STACK_BYTES`, about 8.7 KiB of C stack per Python level). The
thread is kept for the next conversion (starting one costs as much as converting a small
file) unless the conversion took longer than `REUSE_SECONDS`: a long one may have touched
much of the stack, which a new thread gives back; `retire()` stops it.

The stack is asked for, not assumed: when the system refuses a `STACK_BYTES` thread (a
`ulimit -v` address-space limit, a 32-bit process) agx halves the request down to
`MIN_STACK_BYTES`, and when no thread can start at all it runs on the calling thread with
the recursion limit as it is. A smaller stack only lowers how deep an input can be: input
deeper than the limit in force fails cleanly, the RecursionError becoming an AGX109
diagnostic (its message gives the depth that was available).

Global state: Python has no per-thread recursion limit or GC switch, so for the duration of
one conversion (conversions are serialized by a lock) the interpreter-wide recursion limit
is raised and the cyclic GC paused; both are restored when it ends, whatever the outcome.
Other threads of the process see the raised limit and the paused GC only meanwhile.

    @deep.stack                     # on transpile() and analyze()
    def transpile(source, ...): ...
"""
from __future__ import annotations

import functools
import gc
import sys
import queue
import threading
import time
from typing import Any, Callable, List, Optional

from .diagnostics import Diagnostic, TranspileError

RECURSION_LIMIT = 60_000
STACK_BYTES = 512 * 1024 * 1024  # virtual: only the pages a deep input touches are used
MIN_STACK_BYTES = 16 * 1024 * 1024
REUSE_SECONDS = 0.1  # a longer conversion retires the thread: its stack is freed

_lock = threading.Lock()
_local = threading.local()
_limit = [RECURSION_LIMIT]  # the recursion limit of the conversion running now (for AGX109)


def stack_sizes():
    """The thread stack sizes to try, largest first."""
    size = STACK_BYTES
    while size >= MIN_STACK_BYTES:
        yield size
        size //= 2


class _Worker:
    """The deep thread, kept between conversions (starting one costs about a millisecond, as
    much as converting a small file): it runs the jobs handed to it, one at a time."""

    def __init__(self, size: int):
        self.size, self.jobs = size, queue.SimpleQueue()
        self.thread = threading.Thread(target=self._serve, name="agx-deep", daemon=True)
        threading.stack_size(size)
        self.thread.start()

    def _serve(self) -> None:
        _local.inside = True
        while True:
            job = self.jobs.get()
            if job is None:  # retired
                return
            job()

    def run(self, target) -> None:
        done = threading.Event()

        def job():
            try:
                target()
            finally:
                done.set()
        self.jobs.put(job)
        done.wait()

    def retire(self) -> None:
        self.jobs.put(None)


_worker: List[Optional[_Worker]] = [None]


def _start() -> Optional[_Worker]:
    """The deep thread, started on the largest stack the system grants if none is running
    (or it did not survive a fork); None when no thread can start."""
    worker = _worker[0]
    if worker is not None and worker.thread.is_alive():
        return worker
    _worker[0] = None
    old_stack = threading.stack_size()
    try:
        for size in stack_sizes():
            try:
                _worker[0] = _Worker(size)
                return _worker[0]
            except (RuntimeError, MemoryError, ValueError):  # "can't start new thread"
                continue
        return None
    finally:
        threading.stack_size(old_stack)


def retire() -> None:
    """Stop the deep thread (its stack is freed); the next conversion starts a new one."""
    with _lock:
        if _worker[0] is not None:
            _worker[0].retire()
            _worker[0] = None


def call(fn: Callable[..., Any], *args, **kwargs) -> Any:
    """fn(*args, **kwargs) with a deep stack; its exception, if any, is re-raised here."""
    if getattr(_local, "inside", False):  # already on the deep thread (nested API calls)
        return fn(*args, **kwargs)
    outcome: dict = {}

    def target():
        try:
            outcome["value"] = fn(*args, **kwargs)
        except BaseException as exc:  # re-raised on the caller's thread
            outcome["error"] = exc

    with _lock:
        # Cyclic GC paused for the conversion: its full collections rescan the whole (large,
        # live) tree again and again, a third of the time on a 20k-line file; what little
        # cyclic garbage a conversion leaves is collected once the GC is back on.
        gc_was_enabled, old_limit = gc.isenabled(), sys.getrecursionlimit()
        gc.disable()
        try:
            worker = _start()
            if worker is None:  # no thread at all: the caller's own stack and limit
                _limit[0] = old_limit
                _local.inside = True
                try:
                    target()
                finally:
                    _local.inside = False
            else:
                _limit[0] = max(old_limit, RECURSION_LIMIT * worker.size // STACK_BYTES)
                sys.setrecursionlimit(_limit[0])
                began = time.perf_counter()
                worker.run(target)
                if time.perf_counter() - began > REUSE_SECONDS:  # it may have touched much of its stack
                    worker.retire()
                    _worker[0] = None
        finally:
            sys.setrecursionlimit(old_limit)
            if gc_was_enabled:
                gc.enable()
    if "error" in outcome:
        raise outcome["error"].with_traceback(outcome["error"].__traceback__)
    return outcome.get("value")


def stack(fn: Callable) -> Callable:
    """Decorator: run `fn` via `call`; a RecursionError becomes an AGX109 TranspileError."""
    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        try:
            return call(fn, *args, **kwargs)
        except RecursionError:
            filename = kwargs.get("filename", "<string>")
            levels = _limit[0]
            raise TranspileError([Diagnostic(
                "AGX109", f"input nested too deeply to convert (more than about {levels // 10:,} "
                "levels of expressions or statements)", filename, 1, 0,
                help="split the expression or function into smaller parts")]) from None
    return wrapper
