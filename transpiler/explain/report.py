"""Build one `FunctionReport` per analysed function: the statements and decisions of the
analysis `transpile` uses, findings, and a summary. Static: never imports TensorFlow.

`transpile`'s own conversion runs on the same analysis (it lowers copies, so the analysis
stays as it was) to collect the errors it would report and the converted code.
"""
from __future__ import annotations

import ast
import sys
import textwrap
from collections import Counter
from typing import List, Optional

from ..api import ModuleAnalysis, convert_module
from ..driver import function_span
from ..diagnostics import TranspileError
from ..ground.lines import split_lines
from .catalogue import RETRACE_CODES
from .findings import dedupe, from_diagnostics, static_findings
from .model import FunctionReport
from .modules import class_state


def _convert(analysis: ModuleAnalysis):
    """(converted module text or None, errors) exactly as `transpile` would produce them."""
    try:
        return convert_module(analysis), list(analysis.sink.errors)  # no errors: it would raise
    except TranspileError as exc:
        return None, list(exc.diagnostics)
    except RecursionError:
        return None, list(analysis.sink.errors)
    except Exception as exc:  # an agx bug in lowering: the static report still stands
        print(f"agx explain: note: converting this file failed (internal error: "
              f"{type(exc).__name__}: {exc}); the report shows the analysis only", file=sys.stderr)
        return None, list(analysis.sink.errors)


def _function_source(text: Optional[str], qualname: str) -> Optional[str]:
    """The source of `name` / `Class.method` in a module's text (agx output), or None."""
    if text is None:
        return None
    try:
        tree = ast.parse(text)
    except SyntaxError:
        return None
    body, parts = tree.body, qualname.split(".")
    node = None
    for part in parts:
        node = next((n for n in body if isinstance(n, (ast.FunctionDef, ast.ClassDef)) and n.name == part), None)
        if node is None:
            return None
        body = node.body
    lines = split_lines(text)
    start = min([d.lineno for d in node.decorator_list] + [node.lineno])
    return _dedent("\n".join(lines[start - 1:node.end_lineno]))


def _dedent(text: str) -> str:
    return textwrap.dedent(text)


def summarize(statements, decisions, findings, input_signature: bool) -> dict:
    fates = Counter(s.fate for s in statements)
    lowered = Counter(d.lowered_to for d in decisions if d.lowered)
    kept = Counter(d.construct for d in decisions if not d.lowered and d.construct in ("if", "while", "for"))
    return {
        "graph": fates.get("graph", 0),
        "trace_only": fates.get("trace-only", 0),
        "lowered": dict(sorted(lowered.items())),
        "kept": dict(sorted(kept.items())),
        "retrace_triggers": sorted({f.code for f in findings if f.code in RETRACE_CODES}),
        "errors": sum(f.severity == "error" for f in findings),
        "warnings": sum(f.severity == "warning" for f in findings),
        "input_signature": input_signature,
    }


def build_reports(analysis: ModuleAnalysis, filename: str) -> List[FunctionReport]:
    lines = analysis.parsed.lines
    pending = []
    for info in analysis.functions:
        span = function_span(info.node)
        found = static_findings(info, analysis.ctx)
        pending.append((info, span, found, "\n".join(lines[span[0] - 1:span[1]])))
    converted, errors = _convert(analysis)
    reports = []
    for info, (start, end), found, source in pending:
        mine = [d for d in errors if start <= d.line <= end]
        findings = dedupe(found + from_diagnostics(mine))
        statements = sorted(info.statements, key=lambda s: (s.line, s.col))
        reports.append(FunctionReport(
            info.name, filename, info.line, info.decorated, info.input_signature, info.params,
            statements, list(info.decisions), findings,
            summarize(statements, info.decisions, findings, info.input_signature),
            source=_dedent(source), converted=_function_source(converted, info.name),
            module=class_state(analysis.parsed.tree, info.name.split(".")[0], analysis.ctx)
            if "." in info.name else None))
    return reports
