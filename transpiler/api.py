"""The single entry point: `analyze` (what explain reads) and `transpile` (source out);
`transpile` only chooses the target, `driver.convert` does the rest.

Pure AST work: nothing here imports TensorFlow or executes the input.
"""
from __future__ import annotations

import dataclasses
import inspect
from typing import Iterable, List, Union

from . import deep, driver
from .analysis.context import ModuleContext
from .analysis.decisions import FunctionInfo
from .analysis.flow import FlowAnalysis, param_infos
from .analysis.kinds import parse_assume
from .analysis.module import build_context
from .diagnostics import Diagnostic, DiagnosticSink, TranspileError
from .fence import check_fence
from .parse import ParsedModule, parse, source_of
from .select import Selected, select
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

    @property
    def targets(self) -> List[Selected]:  # the pre-driver name, kept for callers not yet moved
        return self.selected


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
    return Diagnostic(code, message, filename, 1, 0)


@deep.stack
def analyze(source, *, functions: Functions = "decorated", filename: str = "<string>",
            assume=None, feeds: bool = False) -> ModuleAnalysis:
    """Parse, select and analyse; raises TranspileError for input that cannot be analysed.

    `assume` overrides parameter kinds: {"f": {"n": "python"}} or the CLI's "f:n=python".
    `feeds`: for the tf1 target, whose runners feed unknown parameters to placeholders."""
    source, filename = _read(source, filename)
    sink = DiagnosticSink(filename)
    parsed = parse(source, filename, sink)
    if parsed is None:
        raise TranspileError(sink.errors, source)
    ctx = build_context(parsed.tree, parsed.tf, set(), parsed.lines)
    selected = select(parsed.tree, ctx, functions, sink)
    ctx.converted = {t.node.name for t in selected}
    infos, fenced = [], set()
    for t in selected:
        before = len(sink.errors)
        check_fence(t.node, sink)
        if len(sink.errors) > before:
            fenced.add(t.qualname)
        params = param_infos(t.node, t.class_name is not None, t.signature is not None,
                             _assumed(assume, t.qualname), feeds)
        info = FunctionInfo(t.qualname, t.node.lineno, t.node.col_offset, t.decorated,
                            t.signature is not None, list(params.values()), node=t.node)
        FlowAnalysis(info, ctx, t.class_name).run(t.node, params)
        infos.append(info)
    return ModuleAnalysis(parsed, ctx, selected, infos, sink, fenced)


def _assumed(assume, qualname: str):
    """The `assume` entries for one function (by qualified name, or its plain name)."""
    if not assume:
        return None
    if isinstance(assume, str):
        assume = parse_assume(assume)
    return {**assume.get(qualname.split(".")[-1], {}), **assume.get(qualname, {})}


def convert_module(analysis: ModuleAnalysis, target: str = "tf2") -> str:
    """The module's text with every selected function converted for `target` (the analysis
    is not changed: it can be converted again, for another target, or explained)."""
    return driver.convert(analysis, TARGETS[target]())


@deep.stack
def transpile(source, *, target: str = "tf2", functions: Functions = "decorated",
              filename: str = "<string>", assume=None) -> str:
    """Convert Python control flow on Tensors into explicit graph code.

    `source` is module text or a function/class object. Raises `TranspileError` (with
    `.diagnostics`) for invalid or unsupported input; never imports TensorFlow.
    """
    if target not in TARGETS:
        raise TranspileError([_diag("AGX004", f"unknown target {target!r} (expected tf2 or tf1)", filename)])
    analysis = analyze(source, functions=functions, filename=filename, assume=assume,
                       feeds=target == "tf1")
    if analysis.sink.errors:  # lower the other functions too, so every error is reported
        convert_module(analysis, "tf2")
    return convert_module(analysis, target)
