"""The refusal policy: a function agx refuses is kept as written, for AutoGraph to convert.

Before (a function with an error, here AGX211):     After (not strict):
    @tf.function                                        # agx: kept as written, AutoGraph converts it when traced (AGX211: ...)
    def f(n):                                           @tf.function
        ...                                             def f(n):
                                                            ...
The rest of the file is converted as usual; the function's errors become warnings. A
refusal in NOT_KEPT stays an error (AutoGraph would run that code but silently compute
something else), and so does any refusal of a function with a `return` inside a `try`
(AutoGraph returns wrong values from there: the fuzzer found several), or of one that
mutates a Python container inside an `if`/loop agx would lower (AutoGraph mutates it once,
while tracing: `len()` of a list appended in a `tf.range` loop comes out wrong). A kept
function with no `tf.function` decorator (a helper that converted code calls, or one named
with `--functions`) gets `f = tf.autograph.to_graph(f)` after it, so it is converted where
it is traced too (converted code runs with autograph=False). `strict` makes refusals
errors again (the driver raises, nothing is written).
"""
from __future__ import annotations

import re
from typing import Dict, List, Optional, Tuple

import gast

from .diagnostics import Diagnostic
from .ground.syntax import children, walk
from .ground.tfapi import LIST_MUTATORS

Span = Tuple[int, int]


def span(fn) -> Span:
    """(first line, last line) of a function, its decorators included."""
    return min([d.lineno for d in fn.decorator_list] + [fn.lineno]), fn.end_lineno or fn.lineno


# Refusals of code that AutoGraph would run but compute differently from eager Python (a
# Python container mutated while tracing a tf.cond / tf.while_loop, a closure reading a name
# a tf.cond rebinds): keeping such a function would trade a refusal for a wrong value.
NOT_KEPT = {"AGX103", "AGX204", "AGX205", "AGX213", "AGX301"}  # AGX103: the fuzzer found AutoGraph wrong


def refused(errors: List[Diagnostic], selected, lowered=None) -> Optional[Dict[str, List[Diagnostic]]]:
    """qualname -> its errors (each error goes to the innermost selected function around its
    line); None when an error lies outside every selected function, or cannot be kept
    (NOT_KEPT): then the file is refused. `lowered`: qualname -> the (line, col) of the
    statements its analysis lowers."""
    spans = [(span(sel.node), sel.qualname) for sel in selected]
    out: Dict[str, List[Diagnostic]] = {}
    for d in errors:
        if d.code in NOT_KEPT:
            return None
        around = [(end - start, name) for (start, end), name in spans if start <= d.line <= end]
        if not around:
            return None
        out.setdefault(min(around)[1], []).append(d)
    nodes = {sel.qualname: sel.node for sel in selected}
    if any(_returns_in_try(nodes[q]) for q in out):
        return None  # AutoGraph returns wrong values from inside a `try` (the fuzzer, seed 202)
    if any(_mutates_under(nodes[q], (lowered or {}).get(q, ())) for q in out):
        return None  # AutoGraph mutates the container once, while tracing (the fuzzer, seeds 205, 207)
    return out


def _mutates_under(fn, at) -> bool:
    """`xs.append(...)` (any container mutator) inside a statement at one of `at`."""
    at = set(at)
    for node in walk(fn):
        if isinstance(node, (gast.If, gast.For, gast.While)) and (node.lineno, node.col_offset) in at:
            for sub in walk(node):
                if (isinstance(sub, gast.Call) and isinstance(sub.func, gast.Attribute)
                        and sub.func.attr in LIST_MUTATORS and isinstance(sub.func.value, gast.Name)):
                    return True
    return False


def _returns_in_try(fn) -> bool:
    """A `return` inside a `try` statement of `fn`'s own body (not of a nested def)."""
    stack = [(s, False) for s in fn.body]
    while stack:
        node, in_try = stack.pop()
        if isinstance(node, (gast.FunctionDef, gast.AsyncFunctionDef, gast.ClassDef, gast.Lambda)):
            continue
        if isinstance(node, gast.Return) and in_try:
            return True
        inside = in_try or isinstance(node, (gast.Try, getattr(gast, "TryStar", gast.Try)))
        stack.extend((c, inside) for c in children(node))
    return False


# Warnings that are not refusals: nothing is kept as written for them (and `--strict` leaves
# them warnings). AGX113: traced code agx cannot see (select.warn_unresolved).
NOTICES = frozenset({"AGX113"})

MARK = "# agx: kept as written"


def reason(diags: List[Diagnostic]) -> str:
    """The comment's text; without line numbers, so converting the output again gives it back."""
    first = diags[0]
    more = f"; {len(diags) - 1} more" if len(diags) > 1 else ""
    message = re.sub(r" \(line \d+\)| at line \d+|, line \d+", "", first.message)
    return f"{MARK[2:]}, AutoGraph converts it when traced ({first.code}: {message}{more})"


def edits(analysis, kept: Dict[str, List[Diagnostic]]) -> List[Tuple[Span, int, str]]:
    """The driver's splice edits for the kept functions: a comment above, the text as written."""
    lines = analysis.parsed.source.splitlines(keepends=True)
    tf = analysis.parsed.tf.alias or "tf"
    out = []
    for sel in analysis.selected:
        if sel.qualname not in kept:
            continue
        start, end = span(sel.node)
        indent, name = " " * sel.node.col_offset, sel.node.name
        if start > 1 and lines[start - 2].strip().startswith(MARK):
            start -= 1  # kept by an earlier run: the comment is replaced, not repeated
        text = f"{indent}# {reason(kept[sel.qualname])}\n" + "".join(lines[span(sel.node)[0] - 1:end])
        to_graph = f"{name} = {tf}.autograph.to_graph({name})"
        if not sel.decorated and not (end < len(lines) and lines[end].strip() == to_graph):
            text += ("" if text.endswith("\n") else "\n") + f"{indent}{to_graph}\n"
        out.append(((start, end), 1, text))
    return out
