"""(1) Conversion time: agx `transpile` vs AutoGraph's `tf.autograph.to_code`, and agx vs
`ast.parse` of the same source (the floor), on the same functions.

agx converts a whole module in one call (the functions it selects: decorated ones and their
same-file callees); AutoGraph converts one function per call. Each AutoGraph conversion
runs on a freshly loaded module with renamed functions, so its cache never hits.
"""
from __future__ import annotations

import ast
from typing import Dict, List, Optional

from . import modules
from .sources import Unit, source_lines
from .timing import median, median_time, ratio, timed

AG_SAMPLE = 100  # AutoGraph converts at most this many functions of a generated file


def agx_seconds(source: str, repeat: int) -> Optional[float]:
    """Median of `repeat` timed conversions, or None when agx rejects the source."""
    from transpiler import TranspileError, transpile
    times = []
    for _ in range(max(1, repeat)):
        try:
            seconds, _ = timed(transpile, source)
        except (TranspileError, RecursionError):
            return None
        times.append(seconds)
    return median(times)


def parse_seconds(source: str, repeat: int) -> float:
    return median_time(lambda: ast.parse(source), repeat)


def sample(functions: List[str], limit: Optional[int]) -> List[str]:
    """Every k-th function, at most `limit` (generated files repeat one template)."""
    if not limit or len(functions) <= limit:
        return list(functions)
    step = -(-len(functions) // limit)
    return functions[::step]


def autograph_seconds(unit: Unit, repeat: int, limit: Optional[int] = None) -> Dict[str, object]:
    """Per function: median seconds of `to_code` over `repeat` fresh loads, or an error."""
    import tensorflow as tf
    samples: Dict[str, List[float]] = {name: [] for name in sample(unit.functions, limit)}
    errors: Dict[str, str] = {}
    for _ in range(max(1, repeat)):
        try:
            module = modules.load(unit.source, rename=True)
        except Exception:  # module-level code uses a renamed function: the line shift alone
            try:           # still keeps code objects unique
                module = modules.load(unit.source)
            except Exception as exc:  # a module that cannot even be imported
                return {"error": f"import failed: {type(exc).__name__}: {exc}"}
        for name in samples:
            if name in errors:
                continue
            try:
                fn = modules.resolve(module, name)
                seconds, _ = timed(tf.autograph.to_code, fn)
            except Exception as exc:
                errors[name] = f"{type(exc).__name__}: {str(exc)[:200]}"
                continue
            samples[name].append(seconds)
    per_fn = {name: median(v) for name, v in samples.items() if v}
    return {"per_function": per_fn, "errors": errors}


def warm_up() -> None:
    """First conversions pay for lazy imports in both tools: pay them outside the timings."""
    import tensorflow as tf
    from .sources import if_blocks
    module = modules.load(if_blocks(2), rename=True)
    tf.autograph.to_code(modules.resolve(module, "f"))
    agx_seconds(if_blocks(2), 1)


def measure_unit(unit: Unit, repeat: int, ag_repeat: int, ag_limit: Optional[int] = None) -> dict:
    row = {"group": unit.group, "id": unit.id, "lines": source_lines(unit.source),
           "functions": len(unit.functions)}
    row["parse_s"] = parse_seconds(unit.source, max(repeat, 3))
    row["agx_s"] = agx_seconds(unit.source, repeat)
    if unit.functions:
        ag = autograph_seconds(unit, ag_repeat, ag_limit)
        row["autograph_per_function_s"] = ag.get("per_function", {})
        row["autograph_errors"] = ag.get("errors") or ({"*": ag["error"]} if "error" in ag else {})
        per_fn = row["autograph_per_function_s"]
        wanted = len(sample(unit.functions, ag_limit))
        row["autograph_sampled"] = f"{wanted} of {len(unit.functions)}"
        # AutoGraph's time for the unit: only when every (sampled) function converted; a
        # sample is scaled to all functions by its mean
        complete = len(per_fn) == wanted
        row["autograph_s"] = (sum(per_fn.values()) * len(unit.functions) / wanted) if complete else None
    else:
        row["autograph_s"] = None
    row["agx_vs_autograph"] = ratio(row["agx_s"], row["autograph_s"])
    row["agx_vs_parse"] = ratio(row["agx_s"], row["parse_s"])
    return row


def summarize(rows: List[dict]) -> Dict[str, dict]:
    """Per group: totals over units where both tools converted, and the ratios."""
    groups: Dict[str, dict] = {}
    for row in rows:
        g = groups.setdefault(row["group"], {"units": 0, "functions": 0, "lines": 0, "agx_s": 0.0,
                                             "autograph_s": 0.0, "parse_s": 0.0, "skipped": 0})
        if row["agx_s"] is None or row["autograph_s"] is None or not row["functions"]:
            g["skipped"] += 1
            continue
        g["units"] += 1
        g["functions"] += row["functions"]
        g["lines"] += row["lines"]
        for key in ("agx_s", "autograph_s", "parse_s"):
            g[key] += row[key]
    for g in groups.values():
        n = g["functions"] or None
        g["agx_ms_per_function"] = ratio(g["agx_s"] * 1000, n)
        g["autograph_ms_per_function"] = ratio(g["autograph_s"] * 1000, n)
        g["agx_vs_autograph"] = ratio(g["agx_s"], g["autograph_s"])
        g["agx_vs_parse"] = ratio(g["agx_s"], g["parse_s"])
    return groups


def growth(rows: List[dict]) -> dict:
    """How agx's and AutoGraph's time grows with file size (generated files)."""
    from .timing import growth_exponent
    gen = sorted((r for r in rows if r["group"].startswith("generated")), key=lambda r: r["lines"])
    sizes = [r["lines"] for r in gen]
    out = {"lines": sizes,
           "agx_s": [r["agx_s"] for r in gen],
           "autograph_s": [r["autograph_s"] for r in gen],
           "agx_ms_per_1k_lines": [ratio(r["agx_s"] * 1000, r["lines"] / 1000) if r["agx_s"] else None
                                   for r in gen]}
    out["agx_exponent"] = growth_exponent(sizes, out["agx_s"])
    out["autograph_exponent"] = growth_exponent(sizes, out["autograph_s"])
    return out


def phases(source: str, repeat: int) -> Dict[str, float]:
    """Cumulative cost of agx's stages on one source: the floor, then each stage added."""
    import gast
    from transpiler import analyze
    from transpiler.parse import _comments
    return {"lines": source_lines(source),
            "ast.parse": median_time(lambda: ast.parse(source), repeat),
            "+ gast conversion": median_time(lambda: gast.ast_to_gast(ast.parse(source)), repeat),
            "+ comments (tokenize)": median_time(
                lambda: (gast.ast_to_gast(ast.parse(source)), _comments(source)), repeat),
            "+ analysis (agx analyze)": median_time(lambda: analyze(source), repeat),
            "+ lowering and emit (agx transpile)": agx_seconds(source, repeat)}


def run(units: List[Unit], repeat: int, ag_repeat: int, progress=print) -> dict:
    warm_up()
    rows = []
    for unit in units:
        generated = unit.group.startswith("generated")
        # generated files: AutoGraph once per function (hundreds of functions, medians over them)
        rows.append(measure_unit(unit, min(repeat, 3 if len(unit.source) < 400_000 else 2) if generated
                                 else repeat, 1 if generated else ag_repeat,
                                 AG_SAMPLE if generated else None))
        if generated:
            progress(f"  conversion {unit.id}: agx {rows[-1]['agx_s']:.3f} s")
    generated = [u for u in units if u.group.startswith("generated")]
    middle = sorted(generated, key=lambda u: len(u.source))[len(generated) // 2] if generated else None
    return {"rows": rows, "groups": summarize(rows), "growth": growth(rows),
            "phases": phases(middle.source, min(repeat, 3)) if middle else None}
