"""The lint rules are `agx explain`'s findings: this module only runs that analysis on a file.

`findings` reads `transpiler.api.analyze` and explain's detectors (`static_findings` before
lowering, `from_diagnostics` for what lowering refuses), exactly as `agx explain` does, and
flattens them into `LintFinding`s. Static: never imports TensorFlow or runs the input.
"""
from __future__ import annotations

import ast
from typing import List, Optional, Tuple

from ..api import analyze
from ..diagnostics import Diagnostic, TranspileError
from ..explain.catalogue import CATALOGUE
from ..explain.findings import dedupe, from_diagnostics, static_findings
from ..explain.report import _convert
from .model import LintFinding

UNUSED_NOQA, UNKNOWN_NOQA = "AGX090", "AGX091"
# codes lint can report besides the explain catalogue: input errors and suppression checks
EXTRA = {
    "AGX000": ("error", "internal error"),
    "AGX001": ("error", "syntax error"),
    "AGX002": ("error", "`functions` names no function of the file"),
    UNUSED_NOQA: ("warning", "unused `# noqa` suppression"),
    UNKNOWN_NOQA: ("warning", "unknown code in `# noqa`"),
}
RULES = {**CATALOGUE, **EXTRA}
DEFAULT_IGNORE = ("AGX404",)  # a note on nearly every tf.function: opt in with --select AGX404


def _from_diagnostic(d: Diagnostic, filename: str) -> LintFinding:
    return LintFinding(filename, d.line or 1, d.col, d.code, "error", d.message, "", d.help or "")


def _nothing_selected(text: str, functions) -> bool:
    """True when `--functions decorated` cannot select anything: a file that never mentions
    tensorflow has no tf.function (select finds them through the file's tensorflow imports),
    and it parses (a syntax error goes the full way, to be reported as AGX001)."""
    if functions != "decorated" or "tensorflow" in text:
        return False
    try:
        ast.parse(text)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return False
    return True


def findings(text: str, filename: str, functions="decorated",
             need_comments: bool = False) -> Tuple[List[LintFinding], Optional[dict]]:
    """(findings sorted by position, comments by line or None when the file does not parse)."""
    if not need_comments and _nothing_selected(text, functions):
        return [], None
    try:
        analysis = analyze(text, functions=functions, filename=filename)
    except TranspileError as exc:
        return [_from_diagnostic(d, filename) for d in exc.diagnostics], None
    except RecursionError:
        return [LintFinding(filename, 1, 0, "AGX001", "error", "input nested too deeply to analyse")], None
    found = []
    for info in analysis.functions:
        found.extend(static_findings(info, analysis.ctx))
    _, errors = _convert(analysis) if analysis.selected else (None, list(analysis.sink.errors))
    invocation = [d for d in errors if d.code.startswith("AGX0")]
    found.extend(from_diagnostics([d for d in errors if not d.code.startswith("AGX0")]))
    out = [LintFinding(filename, f.line, f.col, f.code, f.severity, f.title, f.explanation, f.hint)
           for f in dedupe(found)]
    out.extend(_from_diagnostic(d, filename) for d in invocation)
    return sorted(out, key=LintFinding.sort_key), analysis.parsed.comments
