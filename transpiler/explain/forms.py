"""`--calls`: which form each dispatched statement takes for one call's arguments.

A dispatch exists where agx cannot tell statically whether a condition or an iterable is a
Tensor (analysis/kinds.py). A call's arguments say it: `f(tf.constant(1.0), 3)` makes `n`
a Python int. The function is analysed again with those kinds (the `--assume` mechanism),
and each statement that dispatched statically is reported in the form it takes then.

Before (static):   5  dispatched  if n > 0:        -> tf.cond or the Python `if`
After, for #1:     line 5 `if n > 0`: the Python `if`, decided while tracing (`n` is Python 3)
"""
from __future__ import annotations

from typing import Dict, List

from ..analysis.kinds import parse_assume
from .calls import PyT, SeqT, TensorT

KINDS = {TensorT: "tensor", PyT: "python", SeqT: "container"}


def assumed_kinds(bound: Dict[str, object]) -> Dict[str, str]:
    """Parameter -> kind name for the arguments readable statically (others stay unknown)."""
    return {name: KINDS[type(t)] for name, t in bound.items() if type(t) in KINDS}


def _form(decision) -> str:
    if decision is None:
        return "not reached"
    if decision.lowered and decision.dispatch:
        return "still dispatched: decided while tracing (it depends on more than the arguments)"
    if decision.lowered:
        return f"{decision.lowered_to} (graph control flow)"
    if decision.construct in ("for", "while"):
        return f"the Python `{decision.construct}` loop, unrolled while tracing"
    construct = {"ifexp": "ternary", "and": "`and`", "or": "`or`", "not": "`not`",
                 "chain": "chained comparison"}.get(
        decision.construct, f"`{decision.construct}`")
    return f"the Python {construct}, decided while tracing"


def forms(static_info, source: str, filename: str, functions, qualname: str,
          bound: Dict[str, object], assume=None) -> List[str]:
    """One line per statically dispatched decision of `static_info`: its form for `bound`."""
    from ..api import analyze
    from ..diagnostics import TranspileError
    dispatched = [d for d in static_info.decisions if d.dispatch]
    kinds = assumed_kinds(bound)
    if not dispatched or not kinds:
        return []
    assume = parse_assume(assume) if isinstance(assume, str) else (assume or {})
    merged: Dict[str, Dict[str, str]] = {k: dict(v) for k, v in assume.items()}
    merged.setdefault(qualname, {}).update(kinds)
    try:
        again = analyze(source, functions=functions, filename=filename, assume=merged)
    except TranspileError:
        return []
    info = next((i for i in again.functions if i.name == qualname), None)
    if info is None:
        return []
    by_place = {(d.line, d.col, d.construct): d for d in info.decisions}
    given = ", ".join(f"`{n}` {k}" for n, k in sorted(kinds.items()))
    out = []
    for d in dispatched:
        text = d.source.rstrip(":")
        text = text if len(text) <= 40 else text[:37] + "..."
        out.append(f"line {d.line} `{text}`: {_form(by_place.get((d.line, d.col, d.construct)))}")
    return [f"with {given}:"] + out if out else []


def attach(call_reports, signature, calls, static_info, analysis, assume=None) -> None:
    """Fill `CallReport.forms` for each call whose arguments bind (retrace.bind); the
    functions analysed are the same selection as the static report's."""
    from .retrace import BindError, bind
    functions = [s.qualname for s in analysis.selected]
    for report, call in zip(call_reports, calls):
        try:
            bound = bind(signature, call)
        except BindError:
            continue
        report.forms = forms(static_info, analysis.parsed.source, analysis.parsed.filename, functions,
                             static_info.name, bound, assume)
