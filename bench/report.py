"""The printed tables and the target checks (ratios agx/AutoGraph, from issue 8)."""
from __future__ import annotations

from typing import List, Optional

TARGETS = {  # name -> (limit, how the measured value compares)
    "conversion vs AutoGraph (small files)": (0.05, "<="),
    "conversion vs AutoGraph (generated files)": (0.05, "<="),
    "conversion vs ast.parse (small files)": (10.0, "<="),
    "conversion vs ast.parse (generated files)": (10.0, "<="),
    "growth exponent with file size": (1.15, "<="),
    "1,000 consecutive if/else blocks (s)": (1.0, "<"),
    "CLI wall vs import tensorflow": (0.1, "<="),
    "CLI peak memory (MiB)": (100.0, "<"),
    "tracing vs AutoGraph": (0.7, "<="),
    "graph ops vs AutoGraph": (1.0, "<="),
    "per-call time vs AutoGraph": (1.05, "<="),
    "whole benchmark (s)": (300.0, "<"),
}
SMALL = ("examples", "corpus", "golden")


def table(headers: List[str], rows: List[List[str]]) -> str:
    widths = [max(len(str(x)) for x in col) for col in zip(headers, *rows)]
    line = lambda cells: "| " + " | ".join(str(c).ljust(w) for c, w in zip(cells, widths)) + " |"  # noqa
    return "\n".join([line(headers), "|" + "|".join("-" * (w + 2) for w in widths) + "|"]
                     + [line(r) for r in rows])


def f(value, digits: int = 2, suffix: str = "") -> str:
    if value is None:
        return "-"
    if isinstance(value, float):
        return f"{value:.{digits}f}{suffix}"
    return f"{value}{suffix}"


def x(value) -> str:
    return "-" if value is None else (f"{value:.3f}×" if value < 0.1 else f"{value:.2f}×")


def _pooled(groups: dict, names, key_a: str, key_b: str) -> Optional[float]:
    a = sum(groups[g][key_a] for g in names if g in groups and groups[g]["units"])
    b = sum(groups[g][key_b] for g in names if g in groups and groups[g]["units"])
    return a / b if b else None


def measured(results: dict) -> dict:
    """Target name -> measured value (None when the section did not run)."""
    out = {k: None for k in TARGETS}
    conv = results.get("conversion")
    if conv:
        groups = conv["groups"]
        gen = [g for g in groups if g.startswith("generated")]
        out["conversion vs AutoGraph (small files)"] = _pooled(groups, SMALL, "agx_s", "autograph_s")
        out["conversion vs AutoGraph (generated files)"] = _pooled(groups, gen, "agx_s", "autograph_s")
        out["conversion vs ast.parse (small files)"] = _pooled(groups, SMALL, "agx_s", "parse_s")
        out["conversion vs ast.parse (generated files)"] = _pooled(groups, gen, "agx_s", "parse_s")
        out["growth exponent with file size"] = conv["growth"].get("agx_exponent")
    scaling = results.get("scaling")
    if scaling:
        big = [r for r in scaling["rows"] if r["series"] == "if/else blocks" and r["n"] == 1000]
        out["1,000 consecutive if/else blocks (s)"] = big[0]["agx_s"] if big else None
    cli = results.get("cli")
    if cli:
        out["CLI wall vs import tensorflow"] = cli["wall_ratio"]
        out["CLI peak memory (MiB)"] = cli["agx_maxrss_mib"]
    graphs = results.get("graphs")
    if graphs:
        s = graphs["summary"]
        out["tracing vs AutoGraph"] = s["trace_ratio_total"]
        out["graph ops vs AutoGraph"] = s["ops_ratio_total"]
        out["per-call time vs AutoGraph"] = s["call_ratio_geomean"]
    out["whole benchmark (s)"] = results.get("total_s")
    return out


def targets(results: dict) -> List[dict]:
    rows = []
    for name, value in measured(results).items():
        limit, op = TARGETS[name]
        holds = None if value is None else (value <= limit if op == "<=" else value < limit)
        rows.append({"target": name, "limit": f"{op} {limit:g}", "measured": value, "holds": holds})
    return rows


def render(results: dict) -> str:
    parts = []
    conv = results.get("conversion")
    if conv:
        rows = [[g, v["units"], v["functions"], v["lines"], f(v["agx_ms_per_function"], 3),
                 f(v["autograph_ms_per_function"], 2), x(v["agx_vs_autograph"]), x(v["agx_vs_parse"])]
                for g, v in conv["groups"].items()]
        sampled = [f"{r['id']}: {r['autograph_sampled']}" for r in conv["rows"]
                   if r.get("autograph_sampled") and r["autograph_sampled"].split(" of ")[0] !=
                   r["autograph_sampled"].split(" of ")[1]]
        note = f"; AutoGraph on a sample, scaled: {', '.join(sampled)}" if sampled else ""
        parts.append(f"Conversion (median of runs; ms per converted function{note})\n" + table(
            ["inputs", "files", "functions", "lines", "agx ms/fn", "AutoGraph ms/fn",
             "agx/AutoGraph", "agx/ast.parse"], rows))
        gr = conv["growth"]
        rows = [[n, f(a, 3), f(b, 2), f(c, 1)] for n, a, b, c in
                zip(gr["lines"], gr["agx_s"], gr["autograph_s"], gr["agx_ms_per_1k_lines"])]
        parts.append(f"Growth with file size (exponent of time ~ lines^k: agx "
                     f"{f(gr['agx_exponent'])}, AutoGraph {f(gr['autograph_exponent'])})\n"
                     + table(["lines", "agx s", "AutoGraph s", "agx ms per 1k lines"], rows))
        ph = conv.get("phases")
        if ph:
            prows = [[k, f(v * 1000, 1), x(v / ph["ast.parse"])] for k, v in ph.items() if k != "lines"]
            parts.append(f"Where agx's time goes ({ph['lines']}-line generated file; cumulative phases)\n"
                         + table(["phase", "ms", "vs ast.parse"], prows))
    cli = results.get("cli")
    if cli:
        parts.append(f"CLI ({cli['file_lines']}-line file)\n" + table(
            ["command", "wall s", "peak RSS MiB"],
            [["agx convert", f(cli["agx_wall_s"], 3), f(cli["agx_maxrss_mib"], 1)],
             ["python -c 'import tensorflow'", f(cli["tf_import_wall_s"], 3),
              f(cli["tf_import_maxrss_mib"], 1)],
             ["ratio", x(cli["wall_ratio"]), x(cli["mem_ratio"])]]))
    graphs = results.get("graphs")
    if graphs:
        s = graphs["summary"]
        rows = [["get_concrete_function (median ms)", f(s["autograph_trace_ms_median"], 1),
                 f(s["agx_trace_ms_median"], 1), x(s["trace_ratio_total"]) + " (total)"],
                ["graph ops incl. library (total)", s["ops"]["autograph"], s["ops"]["agx"],
                 x(s["ops_ratio_total"]) + f" (max {x(s['ops_ratio_max'])})"],
                ["While ops / If ops (total)", f"{s['while']['autograph']} / {s['if']['autograph']}",
                 f"{s['while']['agx']} / {s['if']['agx']}", ""],
                ["per call (median µs)", f(s["autograph_call_us_median"], 1), f(s["agx_call_us_median"], 1),
                 x(s["call_ratio_geomean"]) + " (geomean)"]]
        note = (f"{s['compared']} functions traced by both"
                + (f"; AutoGraph rejects: {', '.join(s['autograph_failed'])}" if s["autograph_failed"] else "")
                + (f"; agx failed on: {', '.join(s['agx_failed'])}" if s["agx_failed"] else "")
                + (f"; not a tf.function: {', '.join(s['skipped'])}" if s.get("skipped") else ""))
        parts.append(f"Tracing and execution ({note})\n" + table(["", "AutoGraph", "agx", "agx/AutoGraph"], rows))
    scaling = results.get("scaling")
    if scaling:
        t = scaling["timeout_s"]
        rows = []
        for r in scaling["rows"]:
            ag = r.get("autograph_s")
            shown = f(ag, 3) if ag is not None else (f"> {t:g} s" + (" (skipped)" if r.get("autograph") == "skipped" else "")
                                                     if r.get("autograph") in ("timeout", "skipped") else r.get("autograph", "-"))
            rows.append([r["series"], r["n"], r["lines"], f(r["agx_s"], 4), shown])
        parts.append(f"Scaling (AutoGraph in a child process, killed after {t:g} s)\n" + table(
            ["series", "n", "lines", "agx s", "AutoGraph s"], rows))
    rows = [[t["target"], t["limit"], f(t["measured"], 3) if t["measured"] is not None else "-",
             {True: "holds", False: "MISSED", None: "not run"}[t["holds"]]] for t in targets(results)]
    parts.append("Targets (agx/AutoGraph ratios unless stated)\n" + table(["target", "limit", "measured", ""], rows))
    return "\n\n".join(parts) + "\n"
