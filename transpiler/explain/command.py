"""`agx explain`: resolve the target, analyse, report; optionally predict, run, compare.

Returns an exit code: 0 report printed; 1 the code has error findings, a call disagrees
with its prediction, or --run/--compare-autograph could not load the module, or the file
does not parse; 2 usage error or unreadable input. Never a traceback for bad input.
"""
from __future__ import annotations

import os
from typing import List, Optional, Sequence

import click

from ..api import analyze
from ..diagnostics import Diagnostic, TranspileError
from ..ground.lines import split_lines
from . import jsonout, text
from .calls import CallSyntaxError, parse_calls
from .report import build_reports
from .retrace import predict, signature_of
from .target import resolve

OK, FAILED, USAGE = 0, 1, 2


def _err(diags: List[Diagnostic], source: Optional[str] = None, color: bool = False) -> None:
    lines = split_lines(source) if source else None
    for d in diags:
        click.echo(d.render(lines, color), err=True)


def _analyze(t, functions="decorated", assume=None):
    """(analysis, error exit code or None) for the target's function(s)."""
    try:
        analysis = analyze(t.text, functions=functions, filename=t.filename, assume=assume)
        if t.function and t.function not in {f.name for f in analysis.functions}:
            analysis = analyze(t.text, functions=[t.function], filename=t.filename, assume=assume)
            missing = [d for d in analysis.sink.errors if d.code == "AGX002"]
            if missing:
                _err(missing)
                return None, USAGE
    except TranspileError as exc:
        _err(exc.diagnostics, exc.source or t.text)
        return None, FAILED
    return analysis, None


def explain(target: str, *, fmt: str = "text", calls: Sequence[str] = (), run: bool = False,
            compare: bool = False, graph: Optional[str] = None, color: bool = False,
            stdin_text: Optional[str] = None, functions: str = "decorated", assume=None) -> int:
    if graph and not run:
        click.echo("agx explain: --graph LOGDIR needs --run (the graph is written when the calls run)", err=True)
        return USAGE
    if run and not calls:
        click.echo("agx explain: --run needs --calls (the calls to make)", err=True)
        return USAGE
    t, err = resolve(target, stdin_text)
    if err is not None:
        _err([err])
        return USAGE
    from ..tools.commands import functions_arg
    analysis, status = _analyze(t, functions_arg(functions), assume)
    if analysis is None:
        return status
    infos = [f for f in analysis.functions if t.function in (None, f.name)]
    if calls and len(infos) != 1:
        names = ", ".join(f.name for f in infos) or "none"
        click.echo(f"agx explain: --calls needs exactly one function (found: {names}); "
                   f"use {t.filename}::NAME", err=True)
        return USAGE
    try:
        parsed_calls = [parse_calls(c) for c in calls]
    except CallSyntaxError as exc:
        click.echo(f"agx explain: {exc}", err=True)
        return USAGE
    signature = _signature(analysis, infos[0]) if calls else None
    try:
        reports = [r for r in build_reports(analysis, t.filename) if t.function in (None, r.name)]
    except Exception as exc:  # an agx bug must still not greet the user with a traceback
        _err([Diagnostic("AGX000", f"internal error: {type(exc).__name__}: {exc}", t.filename, 0, 0,
                         help="this is a bug in agx; please report it with the input file")])
        return FAILED
    failing = next((f for r in reports for f in r.findings if f.fails_trace), None)
    fails = f"line {failing.line}: {failing.title} ({failing.code})" if failing else None
    call_reports = predict(signature, parsed_calls, fails) if calls else None
    if call_reports:
        from .forms import attach
        attach(call_reports, signature, parsed_calls, infos[0], analysis, assume)
    facts, listings = None, None
    if run or compare:
        from .run import RunError
        try:
            facts, listings = _execute(t, reports, call_reports, run, compare, graph)
        except RunError as exc:
            click.echo(f"agx explain: {exc}", err=True)
            return FAILED
    _render(fmt, reports, analysis, color, call_reports, run, facts, listings)
    disagree = any(c.agrees is False for c in call_reports or []) or \
        any(not o["agrees"] for o in (facts or {}).get("statements", []))
    errors = any(f.severity == "error" for r in reports for f in r.findings)
    return FAILED if disagree or errors else OK


def _signature(analysis, info):
    """The retrace signature of the one function `--calls` is about."""
    from ..ground.tfapi import is_tf_function
    tgt = next(x for x in analysis.selected if x.qualname == info.name)
    decos = [d for d in tgt.node.decorator_list if is_tf_function(d, analysis.ctx)]
    return signature_of(info, decos[0] if decos else None, tgt.signature)


def _execute(t, reports, call_reports, run, compare, graph):
    """--run / --compare-autograph: import the module (it executes); (facts, listings)."""
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
    click.echo(f"agx explain: importing {t.filename} to {'make the calls' if run else 'compare'}: "
               "its module-level code runs", err=True)
    facts, listings = None, None
    if run:
        from .modules import runtime_facts
        from .observe import observe
        from .run import run_calls
        facts = run_calls(t, reports[0].name, call_reports, graph)
        facts["module_facts"] = runtime_facts(reports[0].module)
        facts["statements"] = observe(reports[0], call_reports)
    if compare:
        from .compare import listings as make_listings
        listings = make_listings(t, reports)
    return facts, listings


def _render(fmt, reports, analysis, color, call_reports, run, facts, listings) -> None:
    if fmt == "json":
        click.echo(jsonout.render(reports, call_reports, listings,
                                  facts.get("statements") if facts else None), nl=False)
    else:
        out = text.render(reports, analysis.parsed.lines, color, call_reports, run, facts)
        if listings:
            from .compare import render as render_compare
            for name, listing in listings.items():
                out += "\n" + "\n".join(render_compare(name, listing)) + "\n"
        click.echo(out, nl=False, color=color)
