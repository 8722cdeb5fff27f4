"""Text rendering of explain reports: readable, deterministic (no absolute paths, no
timings), coloured only when asked (the CLI asks on a terminal without NO_COLOR)."""
from __future__ import annotations

import textwrap
from typing import List, Optional

from .model import CallReport, FunctionReport

WIDTH = 100
FATE_COLORS = {"graph": "green", "trace-only": "yellow", "lowered": "cyan", "unrolled": "magenta",
               "dispatched": "blue"}
SEVERITY_COLORS = {"error": "red", "warning": "yellow", "note": "blue"}
KIND_COLORS = {"tensor": "cyan", "python": "yellow", "unknown": "magenta"}
SOURCE_WIDTH = 44


class Style:
    def __init__(self, color: bool):
        self.color = color

    def __call__(self, text: str, fg: Optional[str] = None, bold: bool = False) -> str:
        if not self.color:
            return text
        import click
        return click.style(text, fg=fg, bold=bold)


def _wrap(text: str, indent: str, first: str = "") -> List[str]:
    out = []
    for i, para in enumerate(text.split("\n")):
        lead = first if i == 0 and first else indent
        if para.startswith("    "):  # code in a hint: keep as is
            out.append(indent + para)
            continue
        out.extend(textwrap.wrap(para, WIDTH, initial_indent=lead, subsequent_indent=indent,
                                 break_long_words=False, break_on_hyphens=False) or [lead.rstrip()])
    return out


def _clip(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 3] + "..."


def render_function(r: FunctionReport, lines: List[str], s: Style) -> List[str]:
    out = []
    deco = "@tf.function" if r.decorated else "not decorated: traced as part of the tf.function that calls it"
    sig = ("input_signature declared" if r.input_signature else "no input_signature") if r.decorated else ""
    head = f"{s(r.name, bold=True)}  {r.file}:{r.line}  {deco}" + (f", {sig}" if sig else "")
    out.append(head)
    out.append("  parameters")
    if not r.params:
        out.append("    (none)")
    width = max((len(p.name) for p in r.params), default=0)
    for p in r.params:
        kind = p.kind.name.lower()
        origin = f"{p.sort.value}, from {p.source.value}: " if p.source.value != "nothing" else ""
        out.append(f"    {p.name.ljust(width)}  {s(kind.ljust(7), KIND_COLORS[kind])}  {origin}{p.reason}")
    from .modules import render as render_module
    out.extend(render_module(r.module))
    out.append("  statements")
    base = min((st.col for st in r.statements), default=0)
    fate_w = max((len(st.fate) for st in r.statements), default=5)
    code_w = min(SOURCE_WIDTH, max((st.col - base + len(st.source) for st in r.statements), default=0))
    for st in r.statements:
        indent = " " * max(0, st.col - base)
        code = _clip(indent + st.source, code_w).ljust(code_w)
        why = (f"-> {st.lowered_to}: " if st.lowered_to else "") + st.reason
        fate = s(st.fate.ljust(fate_w), FATE_COLORS.get(st.fate))
        out.append(f"    {st.line:>4}  {fate}  {code}  {why}")
    out.append("  findings" + ("" if r.findings else ": none"))
    for f in r.findings:
        out.extend("    " + x for x in render_finding(r.file, f, lines, s))
    out.append("  " + summary_line(r.summary))
    return out


def render_finding(filename: str, f, lines: List[str], s: Style) -> List[str]:
    sev = s(f"{f.severity}[{f.code}]", SEVERITY_COLORS[f.severity], bold=True)
    out = [f"{s(f'{filename}:{f.line}:{f.col + 1}:', bold=True)} {sev}: {f.title}"]
    if 1 <= f.line <= len(lines):
        gutter = str(f.line)
        out.append(f"{s(gutter + ' |', 'blue')} {lines[f.line - 1].rstrip().expandtabs(8)}")
        out.append(f"{' ' * len(gutter)} {s('|', 'blue')} {' ' * f.col}{s('^', SEVERITY_COLORS[f.severity])}")
    out.extend(_wrap(f.explanation, "  ", "= "))
    if f.hint:
        out.extend(_wrap(f.hint, "  ", "help: "))
    return out


def _n(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def summary_line(summary: dict) -> str:
    from .catalogue import CATALOGUE
    lowered, kept = summary["lowered"], summary["kept"]
    low = f"{sum(lowered.values())} lowered" + (
        f" ({', '.join(f'{k}: {v}' for k, v in lowered.items())})" if lowered else "")
    kp = f"{sum(kept.values())} kept as Python" + (
        f" ({', '.join(f'{k}: {v}' for k, v in kept.items())})" if kept else "")
    triggers = "; ".join(f"{c} {CATALOGUE[c][1].split(':')[0]}" for c in summary["retrace_triggers"])
    verb = "becomes" if summary["graph"] == 1 else "become"
    return (f"summary: {_n(summary['graph'], 'statement')} {verb} graph ops, "
            f"{summary['trace_only']} trace-only; control flow: {low}, {kp}; "
            f"retrace triggers: {triggers or 'none found'}")


def render_calls(name: str, calls: List[CallReport], s: Style, ran: bool, facts: Optional[dict]) -> List[str]:
    title = f"calls to {name}: " + ("predicted vs observed (--run)" if ran else "predicted statically")
    out = [s(title, bold=True)]
    if facts and facts.get("traced_at_import"):
        out.append(f"  note: importing the module already traced {name} "
                   f"{facts['traced_at_import']} time(s); the calls below start from that cache")
    for i, c in enumerate(calls, 1):
        out.append(f"  #{i}  {name}({c.args})")
        pred = "error" if c.predicts_error else {True: "trace", False: "reuse", None: "?"}[c.predicted_trace]
        out.extend(_wrap(c.reason, " " * 24, f"      predicted: {s(pred.ljust(5), bold=True)}  "))
        if c.forms:
            out.append(f"      dispatch {c.forms[0]}")
            for form in c.forms[1:]:
                out.extend(_wrap(form, " " * 10, "        "))
        if ran:
            obs = {True: "trace", False: "reuse", None: "error"}[c.observed_trace] \
                if c.observed_error is None or c.observed_trace is not None else "error"
            verdict = {True: s("agrees", "green"), False: s("DISAGREES with the prediction", "red", bold=True),
                       None: "not predicted" if c.predicted_trace is None else ""}[c.agrees]
            out.append(f"      observed:  {s(obs.ljust(5), bold=True)}  {verdict}".rstrip())
            if c.observed_error:
                out.append(f"      raised:    {_clip(c.observed_error, 160)}")
            if c.printed:
                out.extend(_wrap(" | ".join(c.printed.splitlines()), " " * 17, "      Python printed: "))
            if c.graph_output:
                out.extend(_wrap(" | ".join(c.graph_output.splitlines()), " " * 17, "      graph printed:  "))
    if ran:
        traced = sum(1 for c in calls if c.observed_trace)
        bad = sum(1 for c in calls if c.agrees is False)
        out.append(f"  observed {traced} trace(s) in {len(calls)} call(s); "
                   + (s(f"{bad} disagreement(s)", "red", bold=True) if bad else "every prediction agrees"
                      if all(c.agrees for c in calls) else "some calls were not predicted"))
        out.extend(render_statements((facts or {}).get("statements", []), s))
        for fact in (facts or {}).get("module_facts", []):
            out.extend(_wrap(fact, "          ", "  fact: "))
        if facts and facts.get("graph_written"):
            out.append(f"  graph written to {facts['graph_written']} (tensorboard --logdir {facts['graph_written']})")
    else:
        traced = sum(1 for c in calls if c.predicted_trace)
        out.append(f"  predicted {traced} trace(s) in {len(calls)} call(s); --run makes the calls to check")
    return out


def render_statements(observed: List[dict], s: Style) -> List[str]:
    """--run: each observable statement's predicted fate next to what the calls showed."""
    out = []
    for o in observed:
        verdict = s("agrees", "green") if o["agrees"] else s("DISAGREES with the prediction", "red", bold=True)
        out.append(f"  line {o['line']}  {o['source']}")
        out.append(f"      predicted: {o['predicted']}")
        out.extend(_wrap(f"{o['observed']}  {verdict}", " " * 17, "      observed:  "))
    if out:
        out.insert(0, s("  statements: predicted vs observed", bold=True))
    return out


def render(reports: List[FunctionReport], lines: List[str], color: bool, calls=None, ran=False,
           facts=None) -> str:
    s = Style(color)
    out: List[str] = []
    for i, r in enumerate(reports):
        if i:
            out.append("")
        out.extend(render_function(r, lines, s))
    if not reports:
        out.append("no tf.function found (use FILE.py::name to explain any function)")
    if calls is not None and reports:
        out.append("")
        out.extend(render_calls(reports[0].name, calls, s, ran, facts))
    return "\n".join(out) + "\n"
