"""The driver: lower a module's selected functions for one target and splice the result.

Before: a `ModuleAnalysis` (read-only) and a target (`targets/tf2.py`, `targets/tf1.py`).
After:  the module's new text. Only the selected functions change: each is lowered on a
        copy of its analysed tree (`ground.syntax.copy_tree`), so the analysis can serve
        `explain`, `transpile` and any target, in any order and more than once.

The order is fixed here:  target.check -> per function: copy, comments, target.prepare,
`lower_function`, target.lowered -> target.order -> target.emit (bottom-up) -> splice the
statements' text and the target's preludes -> `import tensorflow as tf` if the file had none.
"""
from __future__ import annotations

import copy
import dataclasses
from typing import List, Optional, Set, Tuple

import gast

from . import keep
from .diagnostics import DiagnosticSink, TranspileError
from .ground.lines import split_lines
from .ground.syntax import copy_tree
from .ground.tfapi import is_tf_function
from .lower import lower_function
from .lower.common import LowerContext
from .lower.decorators import without_autograph
from .ground.layout import line_length as configured_length
from .naming import Namer, identifiers
from .sourcetext import attach_comments
from .splice import FunctionText
from .targets.base import ModuleJob, Target


def function_span(fn) -> Tuple[int, int]:
    """(first line, last line) of a function, its decorators included."""
    start = min([d.lineno for d in fn.decorator_list] + [fn.lineno])
    return start, fn.end_lineno or fn.lineno


def start_job(analysis) -> ModuleJob:
    """The per-module state of one conversion: its own namer and diagnostics."""
    parsed = analysis.parsed
    sink = DiagnosticSink(parsed.filename)
    sink.extend(analysis.sink.items)
    ctx, alias = analysis.ctx, parsed.tf.alias
    if alias not in ctx.tf.modules:  # the output imports TensorFlow as `alias`: its lowering reads so
        ctx = dataclasses.replace(ctx, tf=dataclasses.replace(ctx.tf, modules=ctx.tf.modules | {alias}))
    taken = identifiers(parsed.tree) | (analysis.summary.identifiers if analysis.summary else set())
    present = {}
    for name, role in ctx.helpers.items():  # agx's own helpers already in the file
        present.setdefault(role, name)
    state = LowerContext(ctx, sink, Namer(taken), alias, parsed.lines,
                         comments=parsed.comments, present=present)
    return ModuleJob(analysis, state, sink)


def convert(analysis, target: Target, line_length: Optional[int] = None) -> str:
    """Lower every selected function for `target`; raises TranspileError on any error.
    Generated lines wrap at `line_length` (default: the file's black/ruff configuration)."""
    return convert_job(analysis, target, True, line_length)[0]


def convert_job(analysis, target: Target, strict: bool = True,
                line_length: Optional[int] = None) -> Tuple[str, Set[str], List]:
    """(text, the qualified names of the functions it rewrote, diagnostics): unless `strict`,
    a function agx refuses is kept as written (`keep.py`) and its errors become warnings; an
    error outside every function still raises."""
    job, edits, chosen = plan_job(analysis, target, strict, line_length)
    return finish(analysis, target, job, edits, chosen), {sel.qualname for sel in chosen}, job.sink.items


def finish(analysis, target: Target, job, edits, chosen) -> str:
    """The module's text: `edits` and the target's preludes spliced, and `import tensorflow
    as tf` when a function was rewritten and the file had none."""
    parsed = analysis.parsed
    edits = edits + [((line, line - 1), 0, text) for line, text in target.preludes(job)]
    out = splice(parsed.source, edits)
    if chosen and not parsed.tf.modules:  # nothing lowered: nothing added
        out = add_tf_import(out, tf_import_line(parsed.tree))
    return out


def plan_job(analysis, target: Target, strict: bool = True, line_length: Optional[int] = None):
    """(job, the edits of the selected functions' lines, the functions rewritten): what
    `convert_job` splices, without the target's preludes (pieces.py joins those)."""
    job, parsed = start_job(analysis), analysis.parsed
    limit = line_length or configured_length(parsed.filename)
    before = len(job.sink.errors)
    target.check(job)
    refused = set()
    if len(job.sink.errors) > before:  # the target refuses functions (tf1: AGX5xx)
        found = None if strict else keep.refused(job.sink.errors[before:], analysis.selected)
        decorated = {sel.qualname for sel in analysis.selected if sel.decorated}
        if found is None or not set(found) <= decorated:
            # strict, an error outside every function, or in a function that is no
            # tf.function: kept, it would get a `to_graph` line, which makes it a traced
            # helper (no runner) on a second pass: not a fixed point. Nothing is lowered.
            raise TranspileError(job.sink.errors, parsed.source)
        refused = set(found)  # kept as written, as a refusal of the lowering is (below)
    lowers = {info.name: any(d.lowered for d in info.decisions) for info in analysis.functions}
    textual, chosen, attached = [], [], {}
    for sel in target.chosen(job):
        if sel.qualname in analysis.fenced or sel.qualname in refused:
            continue
        if target.keeps_unlowered_text and not lowers.get(sel.qualname, True):
            if sel.decorated:  # only the decorator changes; the rest stays exactly as written
                textual.append(_decorators_only(sel.node, parsed, analysis.ctx, limit))
            continue
        fn = copy_tree(sel.node)
        attached[sel.qualname] = attach_comments(fn, parsed)
        target.prepare(job, sel, fn)
        job.lowered[sel.qualname] = lowered = lower_function(fn, job.state, sel.decorated)
        target.lowered(job, sel, lowered)
        chosen.append(sel)
    kept, as_python = {}, set()
    if job.sink.errors:
        kept = keep.refused(job.sink.errors, analysis.selected)
        # AGX114 is reported under --strict too: it says why such a function cannot be kept
        unkeepable = kept is not None and keep.unkeepable(kept, analysis.selected, job.sink)
        if strict or kept is None or unkeepable:
            raise TranspileError(job.sink.errors, parsed.source)
        at = {info.name: [(d.line, d.col) for d in info.decisions if d.lowered] for info in analysis.functions}
        as_python = keep.plain(kept, analysis.selected, at)
        job.sink.demote([d for diags in kept.values() for d in diags])
        chosen = [sel for sel in chosen if sel.qualname not in kept]
        for qualname in kept:
            job.lowered.pop(qualname, None)
        target.kept(job, set(kept))
    silent = {q for q in analysis.fenced if q not in kept}  # `--functions all` left them alone
    if silent:
        target.kept(job, silent)
    target.order(job)
    edits = [(span, 1, text) for span, text in textual]
    edits += keep.edits(analysis, kept, as_python,
                        lambda sel: _decorators_only(sel.node, parsed, analysis.ctx, limit))
    for sel in sorted(chosen, key=lambda s: function_span(s.node)[0], reverse=True):
        fn = job.lowered[sel.qualname]
        stmts = target.emit(job, sel, fn)
        writer = FunctionText(parsed, sel.node, attached[sel.qualname], limit, analysis.ctx)
        text = writer.text(stmts, parsed.lines[sel.node.lineno - 1][:sel.node.col_offset])
        edits.append((function_span(sel.node), 1, text))
    return job, edits, chosen


def splice(source: str, edits) -> str:
    """Replace line spans (1-based, inclusive) bottom-up; an insertion is the empty span
    (line, line - 1) and goes above a replacement starting on the same line."""
    lines = split_lines(source, keepends=True)
    for (start, end), _, text in sorted(edits, key=lambda e: (e[0][0], e[1]), reverse=True):
        lines[start - 1:end] = [text]
    return "".join(lines)


def _decorators_only(fn, parsed, ctx, limit):
    """(span, text): the decorator lines of `fn` with tf.function(..., autograph=False)."""
    start = min(d.lineno for d in fn.decorator_list)
    end = max(d.end_lineno for d in fn.decorator_list)
    new = copy.copy(fn)
    new.decorator_list = [without_autograph(copy_tree(d)) if is_tf_function(d, ctx) else d
                          for d in fn.decorator_list]
    writer = FunctionText(parsed, fn, {}, limit, ctx)
    lines = parsed.lines[start - 1:end]
    writer.decorators(new, fn, lines, start, "", "")
    return (start, end), "\n".join(lines) + "\n"


def tf_import_line(tree) -> int:
    """The line after which `import tensorflow as tf` goes: below the docstring and the
    `from __future__` imports."""
    insert_at = 0
    for stmt in tree.body:
        is_doc = isinstance(stmt, gast.Expr) and isinstance(stmt.value, gast.Constant) and isinstance(stmt.value.value, str)
        is_future = isinstance(stmt, gast.ImportFrom) and stmt.module == "__future__"
        if is_doc or is_future:
            insert_at = stmt.end_lineno
        else:
            break
    return insert_at


def add_tf_import(text: str, insert_at: int) -> str:
    lines: List[str] = split_lines(text, keepends=True)
    lines.insert(insert_at, "import tensorflow as tf\n")
    return "".join(lines)
