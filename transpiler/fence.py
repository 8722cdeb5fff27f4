"""The language fence: syntax agx refuses inside converted functions, with a location.

Tangent-style: better a clear, located refusal than output that is silently wrong.
"""
from __future__ import annotations

import gast

from .ground.syntax import children, nodes
from .diagnostics import DiagnosticSink

MAX_DEPTH = 90  # statement nesting; Python itself stops at 100 indentation levels


def _depth(node, level=0) -> int:
    """How deeply statements nest (blocks in blocks); expressions do not count."""
    best = level
    stack = [(node, level)]
    while stack:
        n, d = stack.pop()
        best = max(best, d)
        for field in ("body", "orelse", "finalbody", "handlers", "cases"):
            for child in getattr(n, field, None) or ():
                if isinstance(child, (gast.stmt, gast.excepthandler, gast.match_case)):
                    stack.append((child, d + 1))
    return best


def check_fence(fn, sink: DiagnosticSink) -> None:
    if isinstance(fn, gast.AsyncFunctionDef):
        sink.error("AGX101", "`async def` cannot be converted: a graph function is synchronous", fn)
        return
    for node in nodes(fn):
        if isinstance(node, (gast.Yield, gast.YieldFrom)) and _owner_is(fn, node):
            sink.error("AGX101", "`yield` in a converted function: generators cannot become graph code",
                       node, help="return a Tensor (e.g. tf.stack of the values) instead")
        elif isinstance(node, gast.Await) and _owner_is(fn, node):  # a nested async def's is its own
            sink.error("AGX101", "`await` in a converted function is not supported", node)
        elif type(node).__name__ == "Match":
            sink.error("AGX101", "`match` in a converted function is not supported", node,
                       help="use `if`/`elif` chains (they are lowered to tf.cond on Tensors)")
    if _depth(fn) > MAX_DEPTH:
        sink.error("AGX109", f"statements nested more than {MAX_DEPTH} levels deep are not supported",
                   fn, help="split the function into smaller functions")


def is_generator(fn) -> bool:
    """An `async def`, or a function whose own body yields (not a nested def's)."""
    return isinstance(fn, gast.AsyncFunctionDef) or any(
        isinstance(n, (gast.Yield, gast.YieldFrom)) and _owner_is(fn, n) for n in nodes(fn))


def _owner_is(fn, target) -> bool:
    """True when `target` is not inside a nested def/lambda of `fn`."""
    stack = list(children(fn))
    while stack:
        n = stack.pop()
        if n is target:
            return True
        if isinstance(n, (gast.FunctionDef, gast.AsyncFunctionDef, gast.Lambda, gast.ClassDef)):
            continue
        stack.extend(children(n))
    return False
