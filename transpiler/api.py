"""The single entry point: `analyze` (what explain reads), `convert` (source out, with the
warnings for functions kept as written) and `transpile` (source out, the warnings as
`AgxWarning`s); they only choose the target and the policy (`strict`), the driver does the
rest (`driver.convert_keeping`, `keep.py`).

Pure AST work: nothing here imports TensorFlow or executes the input.
"""
from __future__ import annotations

import dataclasses
import inspect
import warnings
from typing import Iterable, List, Optional, Union

from . import deep, driver, pieces, safety
from .analysis.context import ModuleContext
from .analysis.decisions import FunctionInfo
from .analysis.flow import FlowAnalysis, param_infos
from .analysis.kinds import parse_assume
from .analysis.module import build_context
from .diagnostics import Diagnostic, DiagnosticSink, TranspileError
from .fence import check_fence, is_generator
from .parse import ParsedModule, object_tf_names, parse, source_of, unwrap
from .select import Selected, select, warn_unresolved
from .targets.base import dispatch_parts
from .targets.tf1 import Tf1Target
from .targets.tf2 import Tf2Target

TARGETS = {"tf2": Tf2Target, "tf1": Tf1Target}
Functions = Union[str, Iterable[str]]


@dataclasses.dataclass
class ModuleAnalysis:
    parsed: ParsedModule
    ctx: ModuleContext
    selected: List[Selected]
    functions: List[FunctionInfo]
    sink: DiagnosticSink
    fenced: set = dataclasses.field(default_factory=set)  # qualnames refused by the fence
    summary: Optional[object] = None  # a piece's module (pieces.Summary): names of the whole file


def _read(source, filename: str):
    if isinstance(source, str):
        return source, filename
    try:
        text = source_of(source)
    except ValueError as exc:
        raise TranspileError([_diag("AGX003", str(exc), filename)]) from None
    if filename == "<string>":
        filename = inspect.getsourcefile(unwrap(source)) or filename
    return text, filename


def _diag(code, message, filename):
    return Diagnostic(code, message, filename, 1, 0)


@deep.stack
def analyze(source, *, functions: Functions = "decorated", filename: str = "<string>",
            assume=None, feeds: bool = False, _summary=None) -> ModuleAnalysis:
    """Parse, select and analyse; raises TranspileError for input that cannot be analysed.

    `assume` overrides parameter kinds: {"f": {"n": "python"}} or the CLI's "f:n=python".
    `feeds`: for the tf1 target, whose runners feed unknown parameters to placeholders."""
    obj, (source, filename) = source, _read(source, filename)
    sink = DiagnosticSink(filename)
    parsed = parse(source, filename, sink)
    if parsed is None:
        raise TranspileError(sink.errors, source)
    if _summary is not None:  # a piece of a large file (pieces.py): TensorFlow as the file names it
        parsed.tf = dataclasses.replace(_summary.tf, modules=set(_summary.tf.modules),
                                        function_names=set(_summary.tf.function_names))
    if not isinstance(obj, str):  # an object's source: TensorFlow is named in its module
        object_tf_names(obj, parsed.tf)
        if unwrap(obj) is not obj and functions == "decorated":
            functions = "all"  # a tf.function object, maybe made by a call: convert it
    ctx = build_context(parsed.tree, parsed.tf, set(), parsed.lines)
    selected = select(parsed.tree, ctx, functions, sink)
    ctx.converted = {t.node.name for t in selected}
    infos, fenced = [], set()
    for t in selected:
        fence = DiagnosticSink(filename)
        check_fence(t.node, fence)
        params = param_infos(t.node, t.class_name is not None, t.signature is not None,
                             _assumed(assume, t.qualname),
                             feeds and (t.decorated or t.class_name is None))  # tf1 runners only
        info = FunctionInfo(t.qualname, t.node.lineno, t.node.col_offset, t.decorated,
                            t.signature is not None, list(params.values()), node=t.node)
        FlowAnalysis(info, ctx, t.class_name, graph_form=feeds).run(t.node, params)
        infos.append(info)
        if fence.errors and (functions != "all" or t.decorated or not is_generator(t.node)):
            sink.extend(fence.errors)  # `all` leaves generators alone (AutoGraph does not convert them)
        if fence.errors:
            fenced.add(t.qualname)
    warn_unresolved(parsed.tree, ctx, selected, sink)
    return ModuleAnalysis(parsed, ctx, selected, infos, sink, fenced, _summary)


def _assumed(assume, qualname: str):
    """The `assume` entries for one function (by qualified name, or its plain name)."""
    if not assume:
        return None
    if isinstance(assume, str):
        assume = parse_assume(assume)
    return {**assume.get(qualname.split(".")[-1], {}), **assume.get(qualname, {})}


def convert_module(analysis: ModuleAnalysis, target: str = "tf2", strict: bool = True,
                   line_length: Optional[int] = None) -> str:
    """The module's text with every selected function converted for `target` (the analysis
    is not changed: it can be converted again, for another target, or explained). `strict`
    (the default here): any error raises; otherwise a refused function is kept as written."""
    if strict:
        return driver.convert(analysis, TARGETS[target](), line_length)
    return driver.convert_job(analysis, TARGETS[target](), False, line_length)[0]


@dataclasses.dataclass
class Conversion:
    code: str
    diagnostics: List[Diagnostic]  # warnings: one or more per function kept as written

    @property
    def warnings(self) -> List[Diagnostic]:
        return [d for d in self.diagnostics if d.severity == "warning"]


@deep.stack
def convert(source, *, target: str = "tf2", functions: Functions = "decorated",
            filename: str = "<string>", strict: bool = False, fast: bool = False,
            line_length: Optional[int] = None, assume=None, _check: bool = True, _summary=None,
            _piece_bytes: Optional[int] = None) -> Conversion:
    """`transpile`, with the diagnostics: the code and the warnings for the functions agx
    refused and kept as written (AutoGraph converts them when traced). `strict=True`: a
    refusal raises `TranspileError` instead. The output is checked before it is returned
    (transpiler/safety.py); `fast=True` skips its stability check. Generated lines wrap at
    `line_length` (default: `line-length` of `[tool.black]`/`[tool.ruff]` in the nearest
    pyproject.toml, else 88). `assume` overrides parameter kinds (see `analyze`)."""
    if target not in TARGETS:
        raise TranspileError([_diag("AGX004", f"unknown target {target!r} (expected tf2 or tf1)", filename)])
    options = dict(target=target, functions=functions, filename=filename, strict=strict, line_length=line_length,
                   assume=assume)
    size = pieces.PIECE_BYTES if _piece_bytes is None else _piece_bytes
    if _check and _summary is None and isinstance(source, str) and len(source) > size and functions in ("decorated", "all"):
        done = pieces.convert(source, lambda text, summary: convert_piece(text, summary, fast, options), size)
        if done is not None:  # the file splits into independent pieces (pieces.py)
            return Conversion(*done)
    analysis = analyze(source, functions=functions, filename=filename, assume=assume, feeds=target == "tf1",
                       _summary=_summary)
    if strict and analysis.sink.errors and target != "tf2":  # every error, as tf2 reports them
        driver.convert(analysis, TARGETS["tf2"]())
    code, rewritten, diagnostics = driver.convert_job(analysis, TARGETS[target](), strict, line_length)
    if _check:  # the safety net: nothing that does not compile, changes again, or alters the rest
        text, name = analysis.parsed.source, analysis.parsed.filename
        fast = fast or not isinstance(source, str)  # an object's text names TensorFlow only in its module
        del analysis  # freed before the second conversion
        safety.check_output(text, name, code, rewritten, fast=fast, again=lambda again: convert(
            again, target=target, functions=functions, filename=name, strict=strict, line_length=line_length, assume=assume, _check=False).code)
    return Conversion(code, diagnostics)


def convert_piece(text: str, summary, fast: bool, options) -> "pieces.PieceResult":
    """One piece of a large file (pieces.py), converted and checked by the safety net on its
    own: its edits, preludes and diagnostics, for `pieces` to join."""
    target, filename = options["target"], options["filename"]
    analysis = analyze(text, functions=options["functions"], filename=filename, assume=options["assume"],
                       feeds=target == "tf1", _summary=summary)
    if options["strict"] and analysis.sink.errors and target != "tf2":
        driver.convert(analysis, TARGETS["tf2"]())
    chosen_target = TARGETS[target]()
    job, edits, chosen = driver.plan_job(analysis, chosen_target, options["strict"], options["line_length"])
    at, names = dispatch_parts(job)
    result = pieces.PieceResult(list(edits), bool(chosen), bool(job.lowered), (at, names, job.state.tf),
                                chosen_target.own_preludes(job), job.sink.items)
    code = driver.finish(analysis, chosen_target, job, edits, chosen)
    rewritten = {sel.qualname for sel in chosen}
    del analysis, job
    safety.check_output(text, filename, code, rewritten, fast=fast, again=lambda again: convert(
        again, **options, _check=False, _summary=summary).code)
    return result


@deep.stack
def transpile(source, *, target: str = "tf2", functions: Functions = "decorated",
              filename: str = "<string>", strict: bool = False, fast: bool = False,
              line_length: Optional[int] = None, assume=None) -> str:
    """Convert Python control flow on Tensors into explicit graph code.

    `source` is module text or a function/class object. A function agx cannot convert is
    kept as written, with a comment saying why, and an `AgxWarning` (`strict=True`: raises
    `TranspileError` instead). Raises `TranspileError` (with `.diagnostics`) for invalid
    input; never imports TensorFlow. The output is checked first (transpiler/safety.py);
    `fast=True` skips its stability check. Generated lines wrap at `line_length` (default:
    `line-length` of `[tool.black]`/`[tool.ruff]` in the nearest pyproject.toml, else 88); the
    statements agx does not rewrite keep their text.
    """
    result = convert(source, target=target, functions=functions, filename=filename, strict=strict, fast=fast,
                     line_length=line_length, assume=assume)
    for d in result.warnings:
        warnings.warn(AgxWarning(d.headline()), stacklevel=2)
    return result.code


class AgxWarning(UserWarning):
    """A function agx refused and kept as written, or traced code agx cannot see (AGX113);
    the message is the diagnostic's headline."""
