"""(3) Tracing and graph size, (4) execution: the original under AutoGraph vs agx's output.

Tracing: `get_concrete_function` on a freshly loaded module (for AutoGraph this includes
converting the function, as on a first call). Graph size: nodes of the graph plus every
function in its library (branch and loop bodies live there), and While/If op counts.
Execution: steady-state time per call of each concrete function.
"""
from __future__ import annotations

import collections
import contextlib
import os
import sys
from typing import Dict, List, Optional

from . import modules
from .sources import Unit, first_run
from .timing import geomean, median, per_call, ratio, timed

WHILE_OPS = {"While", "StatelessWhile"}
IF_OPS = {"If", "StatelessIf"}


def _args(args):
    from differential import to_arg  # tests/support, on sys.path via sources: Py, Ds, numbers
    return [to_arg(a) for a in args]


def graph_size(concrete) -> Dict[str, int]:
    graph_def = concrete.graph.as_graph_def()
    ops = collections.Counter(n.op for n in graph_def.node)
    for fn in graph_def.library.function:
        ops.update(n.op for n in fn.node_def)
    return {"ops": sum(ops.values()), "while": sum(ops[o] for o in WHILE_OPS),
            "if": sum(ops[o] for o in IF_OPS), "library_functions": len(graph_def.library.function)}


class NotATFFunction(Exception):
    pass


def _trace(source: str, qualname: str, args, repeat: int, setup: str = ""):
    """(median seconds, last concrete function, callable) over `repeat` fresh loads."""
    times, concrete, call = [], None, None
    for _ in range(max(1, repeat)):
        module = modules.load(source)
        if setup:
            exec(setup, module.__dict__)
        fn = modules.resolve(module, qualname, python=False)
        if not hasattr(fn, "get_concrete_function"):
            raise NotATFFunction(qualname)
        seconds, concrete = timed(fn.get_concrete_function, *args)
        times.append(seconds)
        call = _caller(fn, concrete, args)
    return median(times), concrete, call


def _caller(fn, concrete, args):
    """Call the concrete function when it takes the arguments, else the tf.function."""
    try:
        concrete(*args)
        return lambda: concrete(*args)
    except Exception:
        fn(*args)
        return lambda: fn(*args)


def measure_unit(unit: Unit, repeat: int, run_calls: bool) -> Optional[dict]:
    from transpiler import transpile
    run = first_run(unit)
    if run is None:
        return None
    qualname, raw_args = run
    row = {"group": unit.group, "id": unit.id, "function": qualname}
    try:
        args = _args(raw_args)
        converted = transpile(unit.source)
    except Exception as exc:  # agx rejects the source, or arguments cannot be built
        row["error"] = f"agx: {type(exc).__name__}: {exc}"[:300]
        return row
    sides = {}
    for side, source in (("autograph", unit.source), ("agx", converted)):
        try:
            seconds, concrete, call = _trace(source, qualname, args, repeat, unit.setup)
        except NotATFFunction:
            return {**row, "skipped": "not a tf.function"}
        except Exception as exc:
            row[f"{side}_error"] = f"{type(exc).__name__}: {str(exc).splitlines()[0][:200]}"
            continue
        row[f"{side}_trace_s"] = seconds
        row[f"{side}_graph"] = graph_size(concrete)
        sides[side] = call
    if run_calls:
        for side, call in sides.items():
            try:
                row[f"{side}_call_s"] = per_call(call)
            except Exception as exc:
                row[f"{side}_call_error"] = f"{type(exc).__name__}: {exc}"[:200]
    row["trace_ratio"] = ratio(row.get("agx_trace_s"), row.get("autograph_trace_s"))
    if "agx_graph" in row and "autograph_graph" in row:
        row["ops_ratio"] = ratio(row["agx_graph"]["ops"], row["autograph_graph"]["ops"])
    row["call_ratio"] = ratio(row.get("agx_call_s"), row.get("autograph_call_s"))
    return row


def summarize(rows: List[dict]) -> dict:
    both = [r for r in rows if r.get("trace_ratio") is not None]
    called = [r for r in rows if r.get("call_ratio") is not None]
    total = lambda key, side: sum(r[f"{side}_graph"][key] for r in both)  # noqa: E731
    return {
        "functions": len(rows),
        "compared": len(both),
        "autograph_failed": sorted(r["id"] for r in rows if "autograph_error" in r),
        "agx_failed": sorted(r["id"] for r in rows if "agx_error" in r or "error" in r),
        "skipped": sorted(r["id"] for r in rows if "skipped" in r),
        "autograph_trace_ms_median": _ms(median(r["autograph_trace_s"] for r in both)),
        "agx_trace_ms_median": _ms(median(r["agx_trace_s"] for r in both)),
        "trace_ratio_total": ratio(sum(r["agx_trace_s"] for r in both),
                                   sum(r["autograph_trace_s"] for r in both)),
        "trace_ratio_geomean": geomean(r["trace_ratio"] for r in both),
        "ops": {"autograph": total("ops", "autograph"), "agx": total("ops", "agx")},
        "ops_ratio_total": ratio(total("ops", "agx"), total("ops", "autograph")),
        "ops_ratio_max": max((r["ops_ratio"] for r in both), default=None),
        "while": {"autograph": total("while", "autograph"), "agx": total("while", "agx")},
        "if": {"autograph": total("if", "autograph"), "agx": total("if", "agx")},
        "calls_compared": len(called),
        "autograph_call_us_median": _us(median(r["autograph_call_s"] for r in called)),
        "agx_call_us_median": _us(median(r["agx_call_s"] for r in called)),
        "call_ratio_geomean": geomean(r["call_ratio"] for r in called),
        "call_ratio_median": median(r["call_ratio"] for r in called),
    }


def _ms(v):
    return None if v is None else v * 1000


def _us(v):
    return None if v is None else v * 1e6


@contextlib.contextmanager
def quiet():
    """Silence fds 1 and 2 (tf.print, print and AutoGraph warnings of the measured code)."""
    sys.stdout.flush()
    sys.stderr.flush()
    saved = [os.dup(1), os.dup(2)]
    devnull = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(devnull, 1)
        os.dup2(devnull, 2)
        yield
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
        os.dup2(saved[0], 1)
        os.dup2(saved[1], 2)
        for fd in saved + [devnull]:
            os.close(fd)


def run(units: List[Unit], repeat: int, run_calls: bool = True) -> dict:
    """Trace (and run) each unit's first recorded call; the first unit is traced once
    untimed, so one-off TensorFlow start-up costs fall on neither side."""
    with quiet():
        if units:
            measure_unit(units[0], 1, False)
        rows = [r for r in (measure_unit(u, repeat, run_calls) for u in units) if r is not None]
    return {"rows": rows, "summary": summarize(rows)}
