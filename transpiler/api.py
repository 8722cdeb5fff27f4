"""The single entry point: `analyze` (what explain reads) and `transpile` (source out).

Pure AST work: nothing here imports TensorFlow or executes the input.
"""
from __future__ import annotations

import copy
import dataclasses
import inspect
from typing import Iterable, List, Union

import gast

from .analysis.activity import walk
from .analysis.context import ModuleContext, build_context
from .analysis.flow import FlowAnalysis, param_infos
from .decisions import FunctionInfo
from . import deep
from .diagnostics import DiagnosticSink, TranspileError
from .emit import statement_source
from .fence import check_fence
from .lines import split_lines
from .lower import lower_function
from .lower.common import FunctionState
from .lower.order_tf2 import module_variables, order_effects
from .naming import Namer, identifiers
from .parse import ParsedModule, parse, source_of
from .select import Target, select

TARGETS = ("tf2", "tf1")
Functions = Union[str, Iterable[str]]


@dataclasses.dataclass
class ModuleAnalysis:
    parsed: ParsedModule
    ctx: ModuleContext
    targets: List[Target]
    functions: List[FunctionInfo]
    sink: DiagnosticSink
    fenced: set = dataclasses.field(default_factory=set)  # qualnames refused by the fence


def _read(source, filename: str):
    if isinstance(source, str):
        return source, filename
    try:
        text = source_of(source)
    except ValueError as exc:
        raise TranspileError([_diag("AGX003", str(exc), filename)]) from None
    if filename == "<string>":
        filename = inspect.getsourcefile(source) or filename
    return text, filename


def _diag(code, message, filename):
    from .diagnostics import Diagnostic
    return Diagnostic(code, message, filename, 1, 0)


@deep.stack
def analyze(source, *, functions: Functions = "decorated", filename: str = "<string>") -> ModuleAnalysis:
    """Parse, select and analyse; raises TranspileError for input that cannot be analysed."""
    source, filename = _read(source, filename)
    sink = DiagnosticSink(filename)
    parsed = parse(source, filename, sink)
    if parsed is None:
        raise TranspileError(sink.errors, source)
    ctx = build_context(parsed.tree, parsed.tf, set(), parsed.lines)
    targets = select(parsed.tree, ctx, functions, sink)
    ctx.converted = {t.node.name for t in targets}
    infos, fenced = [], set()
    for t in targets:
        before = len(sink.errors)
        check_fence(t.node, sink)
        if len(sink.errors) > before:
            fenced.add(t.qualname)
        params = param_infos(t.node, t.class_name is not None, t.signature is not None)
        info = FunctionInfo(t.qualname, t.node.lineno, t.node.col_offset, t.decorated,
                            t.signature is not None, list(params.values()), node=t.node)
        FlowAnalysis(info, ctx, t.class_name).run(t.node, params)
        infos.append(info)
    return ModuleAnalysis(parsed, ctx, targets, infos, sink, fenced)


def _attach_comments(fn, parsed: ParsedModule) -> None:
    stmts = [n for n in walk(fn) if isinstance(n, gast.stmt) and n is not fn and hasattr(n, "lineno")]
    stmts.sort(key=lambda n: n.lineno)
    by_line = {}
    for s in stmts:
        by_line.setdefault(s.lineno, s)
    for line in range(fn.lineno + 1, (fn.end_lineno or fn.lineno) + 1):
        text = parsed.comments.get(line)
        if text is None:
            continue
        if line in parsed.own_line_comments:
            owner = next((s for s in stmts if s.lineno > line), None)
        else:
            owner = by_line.get(line) or next((s for s in reversed(stmts) if s.lineno <= line), None)
        if owner is not None:
            owner.agx_comment = list(getattr(owner, "agx_comment", [])) + [text]


def function_span(fn) -> tuple:
    """(first line, last line) of a function, its decorators included."""
    start = min([d.lineno for d in fn.decorator_list] + [fn.lineno])
    return start, fn.end_lineno or fn.lineno


def convert_module(analysis: ModuleAnalysis, emit=None) -> str:
    """Lower every selected function and splice it into the original text.

    `emit(lowered, indent, state)` is a target's hook returning a function's new text; it
    runs after every function is lowered (default: print the lowered function)."""
    parsed, sink = analysis.parsed, analysis.sink
    namer = Namer(identifiers(parsed.tree))
    state = FunctionState(analysis.ctx, sink, namer, parsed.tf.alias, parsed.lines,
                          comments=parsed.comments)
    replacements, textual = [], []
    variables = module_variables(parsed.tree, state)
    lowers = {info.name: any(d.lowered for d in info.decisions) for info in analysis.functions}
    for t in analysis.targets:
        if t.qualname in analysis.fenced:
            continue
        if emit is None and not lowers.get(t.qualname, True):
            if t.decorated:  # only the decorator changes; the rest stays exactly as written
                textual.append(_decorators_only(t.node, parsed, analysis.ctx))
            continue
        span = function_span(t.node)
        _attach_comments(t.node, parsed)
        lowered = lower_function(t.node, state, t.decorated)
        if emit is None:  # target tf2 (tf1 orders every function itself)
            order_effects(lowered, state, variables)
        def_line = parsed.lines[t.node.lineno - 1]  # indentation as written (tabs stay tabs)
        replacements.append((span, lowered, def_line[:len(def_line) - len(def_line.lstrip())]))
    if sink.errors:
        raise TranspileError(sink.errors, parsed.source)
    lines = split_lines(parsed.source, keepends=True)
    edits = [(span, None, text) for span, text in textual] + [
        (span, node, indent) for span, node, indent in replacements]
    for (start, end), node, extra in sorted(edits, key=lambda r: r[0][0], reverse=True):
        if node is None:
            text = extra
        else:
            text = emit(node, extra, state) if emit else statement_source(node, extra)
        lines[start - 1:end] = [text]
    out = "".join(lines)
    if replacements and not parsed.tf.modules:  # nothing lowered: nothing added
        out = _add_tf_import(out, parsed)
    return out


def _decorators_only(fn, parsed: ParsedModule, ctx):
    """(span, text): the decorator lines of `fn` with tf.function(..., autograph=False)."""
    from .emit import expr_source
    from .lower.decorators import is_tf_function, without_autograph
    start = min(d.lineno for d in fn.decorator_list)
    end = max(d.end_lineno for d in fn.decorator_list)
    lines = split_lines(parsed.source, keepends=True)[start - 1:end]
    for deco in sorted(fn.decorator_list, key=lambda d: (d.lineno, d.col_offset), reverse=True):
        if not is_tf_function(deco, ctx):
            continue
        first, last = deco.lineno - start, deco.end_lineno - start
        # ast's columns are UTF-8 byte offsets
        head = lines[first].encode()[:deco.col_offset].decode()
        tail = lines[last].encode()[deco.end_col_offset:].decode()
        new = expr_source(without_autograph(copy.deepcopy(deco)))
        lines[first:last + 1] = [head + new + tail]
    return (start, end), "".join(lines)


def _add_tf_import(text: str, parsed: ParsedModule) -> str:
    body = parsed.tree.body
    insert_at = 0
    for stmt in body:
        is_doc = isinstance(stmt, gast.Expr) and isinstance(stmt.value, gast.Constant) and isinstance(stmt.value.value, str)
        is_future = isinstance(stmt, gast.ImportFrom) and stmt.module == "__future__"
        if is_doc or is_future:
            insert_at = stmt.end_lineno
        else:
            break
    lines = split_lines(text, keepends=True)
    lines.insert(insert_at, "import tensorflow as tf\n")
    return "".join(lines)


@deep.stack
def transpile(source, *, target: str = "tf2", functions: Functions = "decorated",
              filename: str = "<string>", fast: bool = False, _check: bool = True) -> str:
    """Convert Python control flow on Tensors into explicit graph code.

    `source` is module text or a function/class object. Raises `TranspileError` (with
    `.diagnostics`) for invalid or unsupported input; never imports TensorFlow. The output is
    checked first (transpiler/safety.py); `fast=True` skips its stability check.
    """
    if target not in TARGETS:
        raise TranspileError([_diag("AGX004", f"unknown target {target!r} (expected tf2 or tf1)", filename)])
    analysis = analyze(source, functions=functions, filename=filename)
    if analysis.sink.errors:
        convert_module(analysis)  # lowers the other functions too, so every error is reported
        raise TranspileError(analysis.sink.errors, analysis.parsed.source)
    if target == "tf1":
        from .targets.tf1 import convert_module_tf1
        out = convert_module_tf1(analysis)
    else:
        out = convert_module(analysis)
    if _check:  # the safety net: nothing that does not compile, changes again, or alters the rest
        from . import safety
        done, text, filename = safety.rewritten(analysis, target), analysis.parsed.source, analysis.parsed.filename
        del analysis  # freed before the second conversion
        safety.check_output(text, filename, out, done, fast=fast, again=lambda again: transpile(
            again, target=target, functions=functions, filename=filename, _check=False))
    return out
