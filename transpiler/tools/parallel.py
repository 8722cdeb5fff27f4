"""`-j/--jobs N` for directory runs: files are processed in worker processes and the results
come back in input order, so the output is byte-for-byte that of `-j1`.

A worker function returns a picklable result and must not write to the terminal itself:
`captured` runs a function with its stderr collected, and the caller replays it in order.
On a terminal, a one-line progress display (`agx: 12/300 path`) is shown on stderr while
results arrive; it is off when stderr is not a terminal (piped, CI logs).
"""
from __future__ import annotations

import contextlib
import io
import multiprocessing
import os
import sys
from concurrent.futures import ProcessPoolExecutor
from typing import Callable, Iterator, Optional, Sequence, Tuple

PRELOAD = ["transpiler.api", "transpiler.tools.commands", "transpiler.lint.command"]


def cpu_count() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:
        return max(1, os.cpu_count() or 1)


def resolve_jobs(jobs: Optional[int]) -> int:
    """None or 0: one per CPU."""
    return cpu_count() if not jobs else max(1, jobs)


def captured(fn: Callable, *args) -> Tuple[object, str]:
    """(fn(*args), what it wrote to stderr)."""
    buf = io.StringIO()
    with contextlib.redirect_stderr(buf):
        result = fn(*args)
    return result, buf.getvalue()


def _context():
    methods = multiprocessing.get_all_start_methods()
    if "forkserver" in methods:  # fork from a clean server: safe even if the parent has threads
        ctx = multiprocessing.get_context("forkserver")
        ctx.set_forkserver_preload(PRELOAD)
        return ctx
    return multiprocessing.get_context("spawn")


class Progress:
    """`agx: n/N name` redrawn on one stderr line; `clear()` before anything else is written."""

    def __init__(self, total: int, enabled: Optional[bool] = None):
        self.total = total
        self.on = (sys.stderr.isatty() if enabled is None else enabled) and total > 1
        self.shown = False

    def show(self, done: int, name: str) -> None:
        if self.on:
            sys.stderr.write(f"\r\033[Kagx: {done}/{self.total} {name}"[:200])
            sys.stderr.flush()
            self.shown = True

    def clear(self) -> None:
        if self.shown:
            sys.stderr.write("\r\033[K")
            sys.stderr.flush()
            self.shown = False


def ordered_map(fn: Callable, items: Sequence, jobs: Optional[int] = None,
                names: Optional[Sequence[str]] = None, progress: Optional[bool] = None) -> Iterator:
    """fn(item) for each item, in order; in `jobs` processes when there is more than one item.

    The progress line is cleared before each result is handed to the caller, who may print."""
    n = resolve_jobs(jobs)
    bar = Progress(len(items), progress)
    names = names or [str(i) for i in range(len(items))]
    if n == 1 or len(items) <= 1:
        results = map(fn, items)
        pool = None
    else:
        pool = ProcessPoolExecutor(max_workers=min(n, len(items)), mp_context=_context())
        results = pool.map(fn, items, chunksize=1)
    try:
        if items:
            bar.show(0, names[0])
        for i, result in enumerate(results):
            bar.clear()
            yield result
            if i + 1 < len(items):
                bar.show(i + 1, names[i + 1])
    finally:
        bar.clear()
        if pool is not None:
            pool.shutdown(cancel_futures=True)
