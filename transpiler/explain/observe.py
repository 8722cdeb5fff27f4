"""`--run`, statement by statement: the fates `agx explain` predicts that a run can observe.

Observable: a Python `print` (trace-only: output on each call that traces, none on a call
that reuses a graph) wherever every enclosing construct is lowered (both branches and the
body are traced) or a `with`; and a `tf.print` (graph: output on every call) at the top
level of the function. Other statements leave nothing a run can see; they are not listed.
"""
from __future__ import annotations

from typing import List, Optional

from .model import CallReport, FunctionReport


def _parents(statements, index: int) -> list:
    """The statements enclosing statements[index] (by line and indentation), innermost first."""
    col, out = statements[index].col, []
    for s in reversed(statements[:index]):
        if s.col < col:
            out.append(s)
            col = s.col
    return out


def _kind(statements, index: int) -> Optional[str]:
    s = statements[index]
    parents = _parents(statements, index)
    transparent = all(p.source.startswith("with ") for p in parents)
    if s.fate == "trace-only" and s.reason.startswith("Python print") and \
            all(p.fate == "lowered" or p.source.startswith("with ") for p in parents):
        return "print"
    if s.fate == "graph" and s.reason.startswith("tf.print") and transparent:
        return "tf.print"
    return None


def observe(report: FunctionReport, calls: List[CallReport]) -> List[dict]:
    """One entry per observable statement: prediction, observation, agreement."""
    ran = [(i, c) for i, c in enumerate(calls, 1) if c.ran and c.observed_trace is not None]
    out = []
    for index, s in enumerate(report.statements):
        kind = _kind(report.statements, index)
        if kind is None or not ran:
            continue
        if kind == "print":
            expected = [i for i, c in ran if c.observed_trace]
            seen = [i for i, c in ran if c.printed]
            prediction = "trace-only: Python prints on the calls that trace"
            observed = f"Python printed on {_calls(seen)}; traced on {_calls(expected)}"
            agrees = set(seen) == set(expected)
        else:
            ok = [i for i, c in ran if c.observed_error is None]
            expected = ok
            seen = [i for i, c in ran if c.graph_output]
            prediction = "graph: prints on every call"
            observed = f"the graph printed on {_calls(seen)} of {_calls(expected)}"
            agrees = set(seen) == set(expected)
        out.append({"line": s.line, "source": s.source, "fate": s.fate, "predicted": prediction,
                    "observed": observed, "agrees": agrees})
    return out


def _calls(numbers: List[int]) -> str:
    return ", ".join(f"#{n}" for n in numbers) if numbers else "no call"
