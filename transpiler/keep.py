"""The refusal policy: a function agx refuses is kept as written, for AutoGraph to convert.

Before (a function with an error, here AGX211):     After (not strict):
    @tf.function                                        # agx: kept as written, AutoGraph converts it when traced (AGX211: ...)
    def f(n):                                           @tf.function
        ...                                             def f(n):
                                                            ...
The rest of the file is converted as usual; the function's errors become warnings. A
refusal in NOT_KEPT (AutoGraph would run that code but silently compute something else),
any refusal of a function with a `return` inside a `try` (AutoGraph returns wrong values
from there: the fuzzer found several), and one of a function that mutates a Python
container inside an `if`/loop agx would lower (AutoGraph mutates it once, while tracing:
`len()` of a list appended in a `tf.range` loop comes out wrong) are not handed to
AutoGraph: that function is kept as plain Python (`plain`), its `tf.function` decorators
get `autograph=False` and it gets no `to_graph`, so it computes what eager Python computes
or raises (a Tensor used as a Python bool), never a different value:
    # agx: kept as written, not converted (autograph=False: AutoGraph may compute another value) (AGX205: ...)
    @tf.function(autograph=False)
    def pops(n):
        ...
A kept function with no `tf.function` decorator (a helper that converted code calls, or
one named with `--functions`) gets `f = tf.autograph.to_graph(f)` after it, so it is
converted where it is traced too (converted code runs with autograph=False). `strict`
makes refusals errors again (the driver raises, nothing is written).
"""
from __future__ import annotations

import re
from typing import Callable, Dict, List, Optional, Set, Tuple

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


def refused(errors: List[Diagnostic], selected) -> Optional[Dict[str, List[Diagnostic]]]:
    """qualname -> its errors (each error goes to the innermost selected function around its
    line); None when an error lies outside every selected function: then the file is refused."""
    spans = [(span(sel.node), sel.qualname) for sel in selected]
    out: Dict[str, List[Diagnostic]] = {}
    for d in errors:
        around = [(end - start, name) for (start, end), name in spans if start <= d.line <= end]
        if not around:
            return None
        out.setdefault(min(around)[1], []).append(d)
    return out


def plain(kept: Dict[str, List[Diagnostic]], selected, lowered=None) -> Set[str]:
    """The kept functions AutoGraph would get wrong, kept as plain Python instead (module
    docstring). `lowered`: qualname -> the (line, col) of the statements its analysis lowers."""
    nodes = {sel.qualname: sel.node for sel in selected}
    out = set()
    for q, diags in kept.items():
        if (any(d.code in NOT_KEPT for d in diags)
                or _returns_in_try(nodes[q])  # AutoGraph returns wrong values there (the fuzzer, seed 202)
                or _mutates_under(nodes[q], (lowered or {}).get(q, ()))):  # seeds 205, 207
            out.add(q)
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


def jumps_in_finally(fn) -> List:
    """The `return`/`break`/`continue` statements inside a `finally` of `fn`'s own body
    (a `break`/`continue` of a loop inside that `finally` aside): each ends the block
    without the exception in flight, so kept code that raises while tracing would return
    a value instead (the fuzzer, seed 403)."""
    found = []

    def visit(node, in_finally: bool, loop_depth: int):
        if isinstance(node, (gast.FunctionDef, gast.AsyncFunctionDef, gast.ClassDef, gast.Lambda)):
            return
        if in_finally and (isinstance(node, gast.Return) or (
                isinstance(node, (gast.Break, gast.Continue)) and loop_depth == 0)):
            found.append(node)
        if isinstance(node, (gast.Try, getattr(gast, "TryStar", gast.Try))):
            for c in node.body + node.orelse + node.handlers:
                visit(c, in_finally, loop_depth)
            for c in node.finalbody:
                visit(c, True, 0)
            return
        deeper = loop_depth + isinstance(node, (gast.For, gast.While, gast.AsyncFor))
        for c in children(node):
            visit(c, in_finally, deeper)

    for stmt in fn.body:
        visit(stmt, False, 0)
    return found


def unkeepable(kept: Dict[str, List[Diagnostic]], selected, sink) -> bool:
    """A refused function with a jump in a `finally` cannot be kept as written (under
    AutoGraph or as plain Python, the jump would swallow what tracing it raises and return
    a value): AGX114 there, and the refusal stays an error. True if any."""
    nodes = {sel.qualname: sel.node for sel in selected}
    hit = False
    for q in kept:
        for jump in jumps_in_finally(nodes[q]):
            hit = True
            sink.error("AGX114", f"`{type(jump).__name__.lower()}` inside `finally` in a function agx "
                       "refuses: the function cannot be kept as written (the jump would swallow the "
                       "error that tracing it raises, and return a value)", jump, help="fix the other error reported for this function, or move the jump "
                       "out of the `finally` (then the function can be kept as written)")
    return hit


# Warnings that are not refusals: nothing is kept as written for them (and `--strict` leaves
# them warnings). AGX113: traced code agx cannot see (select.warn_unresolved).
NOTICES = frozenset({"AGX113"})

MARK = "# agx: kept as written"


def reason(diags: List[Diagnostic], as_python: bool = False) -> str:
    """The comment's text; without line numbers, so converting the output again gives it back."""
    first = diags[0]
    more = f"; {len(diags) - 1} more" if len(diags) > 1 else ""
    message = re.sub(r" \(line \d+\)| at line \d+|, line \d+", "", first.message)
    message = re.sub(r"\bline \d+", "another line", message)  # "and line 800 uses `xs`"
    why = PLAIN if as_python else "AutoGraph converts it when traced"
    return f"{MARK[2:]}, {why} ({first.code}: {message}{more})"


PLAIN = "not converted (autograph=False: AutoGraph may compute another value)"


def edits(analysis, kept: Dict[str, List[Diagnostic]], as_python: Set[str] = frozenset(),
          decorators: Optional[Callable] = None) -> List[Tuple[Span, int, str]]:
    """The driver's splice edits for the kept functions: a comment above, the text as written.
    `as_python` (from `plain`): kept as plain Python; `decorators(sel)` gives the span and
    text of its decorator lines with `autograph=False` on its `tf.function` ones."""
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
        python = sel.qualname in as_python
        text = "".join(lines[span(sel.node)[0] - 1:end])
        if python and sel.decorated and decorators is not None:
            (_, last), written = decorators(sel)
            text = written + "".join(lines[last:end])
        text = f"{indent}# {reason(kept[sel.qualname], python)}\n" + text
        to_graph = f"{name} = {tf}.autograph.to_graph({name})"
        if python and end < len(lines) and lines[end].strip() == to_graph:
            end += 1  # kept for AutoGraph by an earlier run: plain Python now
        elif not python and not sel.decorated and not (end < len(lines) and lines[end].strip() == to_graph):
            text += ("" if text.endswith("\n") else "\n") + f"{indent}{to_graph}\n"
        out.append(((start, end), 1, text))
    return out
