"""Deeply nested input without RecursionError: run the conversion on a thread with a big stack.

Python parses `x + x + ... + x` (5,000 terms) into a 5,000-deep tree, and compiles it fine;
every recursive walk over it (ast construction, gast conversion, analysis, emit) needs
about one Python frame per level. agx therefore runs each conversion with a recursion limit
of `RECURSION_LIMIT` on a thread whose C stack is big enough for it. Input deeper than that
still fails cleanly: the caller turns the RecursionError into an AGX109 diagnostic.

    @deep.stack                     # on transpile() and analyze()
    def transpile(source, ...): ...
"""
from __future__ import annotations

import functools
import gc
import sys
import threading
from typing import Any, Callable

from .diagnostics import Diagnostic, TranspileError

RECURSION_LIMIT = 60_000
STACK_BYTES = 512 * 1024 * 1024  # virtual: only the pages a deep input touches are used

_lock = threading.Lock()


def call(fn: Callable[..., Any], *args, **kwargs) -> Any:
    """fn(*args, **kwargs) with a deep stack; its exception, if any, is re-raised here."""
    if getattr(_local, "inside", False):  # already on a deep thread (nested API calls)
        return fn(*args, **kwargs)
    outcome: dict = {}

    def target():
        _local.inside = True
        try:
            outcome["value"] = fn(*args, **kwargs)
        except BaseException as exc:  # re-raised on the caller's thread
            outcome["error"] = exc

    with _lock:  # stack size and recursion limit are process-wide settings
        old_limit, old_stack = sys.getrecursionlimit(), threading.stack_size()
        # Cyclic GC paused for the conversion: its full collections rescan the whole (large,
        # live) tree again and again, a third of the time on a 20k-line file; what little
        # cyclic garbage a conversion leaves is collected once the GC is back on.
        gc_was_enabled = gc.isenabled()
        try:
            gc.disable()
            threading.stack_size(STACK_BYTES)
            sys.setrecursionlimit(max(old_limit, RECURSION_LIMIT))
            worker = threading.Thread(target=target, name="agx-deep")
            worker.start()
            worker.join()
        finally:
            threading.stack_size(old_stack)
            sys.setrecursionlimit(old_limit)
            if gc_was_enabled:
                gc.enable()
    if "error" in outcome:
        raise outcome["error"].with_traceback(outcome["error"].__traceback__)
    return outcome.get("value")


_local = threading.local()


def stack(fn: Callable) -> Callable:
    """Decorator: run `fn` via `call`; a RecursionError becomes an AGX109 TranspileError."""
    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        try:
            return call(fn, *args, **kwargs)
        except RecursionError:
            filename = kwargs.get("filename", "<string>")
            raise TranspileError([Diagnostic(
                "AGX109", f"input nested too deeply to convert (more than about {RECURSION_LIMIT // 10:,} "
                "levels of expressions or statements)", filename, 1, 0,
                help="split the expression or function into smaller parts")]) from None
    return wrapper
