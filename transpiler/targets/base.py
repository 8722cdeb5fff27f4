"""The target boundary: what the driver asks of a target (tf2, tf1).

The driver (`transpiler/driver.py`) owns the per-module state and runs, for every target:

    check(job)                  refusals that need the whole module (before lowering)
    chosen(job)                 which selected functions it rewrites
    prepare(job, selected, fn)  target-specific marks on a function's copy, before lowering
    lowered(job, selected, fn)  right after a function is lowered (tf2 orders it here)
    kept(job, qualnames)        the refused functions kept as written (keep.py)
    order(job)                  effect ordering over every lowered function (tf1)
    emit(job, selected, fn)     the statements that replace the function in the module
    preludes(job)               module text to insert: (line, text) pairs

Targets return gast statements and text to insert; printing and splicing are the
driver's (through `emit.py`), so no target patches finished output.
"""
from __future__ import annotations

import dataclasses
from typing import Dict, List, Tuple

import gast

from ..analysis.context import ModuleContext
from ..diagnostics import DiagnosticSink
from ..lower.common import LowerContext
from ..ground.layout import file_unit
from ..ground.syntax import walk
from ..lower.dispatch import source as dispatch_source


@dataclasses.dataclass
class ModuleJob:
    """One conversion of one analysed module: what the driver and the target share.

    `analysis` is read-only; `lowered` maps a qualified name to the lowered copy of it."""
    analysis: object                 # api.ModuleAnalysis (never mutated)
    state: LowerContext
    sink: DiagnosticSink             # the analysis' diagnostics, then this conversion's
    lowered: Dict[str, gast.FunctionDef] = dataclasses.field(default_factory=dict)

    @property
    def ctx(self) -> ModuleContext:
        return self.state.ctx


class Target:
    """The default hooks: a target overrides what it needs (one instance per conversion)."""
    name = "?"
    keeps_unlowered_text = False     # functions with nothing to lower keep their text (tf2)

    def check(self, job: ModuleJob) -> None:
        pass

    def chosen(self, job: ModuleJob) -> list:
        """The selected functions this target rewrites (tf1 leaves some as written)."""
        return job.analysis.selected

    def prepare(self, job: ModuleJob, selected, fn: gast.FunctionDef) -> None:
        pass

    def lowered(self, job: ModuleJob, selected, fn: gast.FunctionDef) -> None:
        pass

    def kept(self, job: ModuleJob, qualnames) -> None:
        """These functions were refused and stay as written (driver/keep.py): not emitted."""

    def order(self, job: ModuleJob) -> None:
        pass

    def emit(self, job: ModuleJob, selected, fn: gast.FunctionDef) -> List[gast.stmt]:
        return [fn]

    def preludes(self, job: ModuleJob) -> List[Tuple[int, str]]:
        return dispatch_prelude(job) + self.own_preludes(job)

    def own_preludes(self, job: ModuleJob) -> List[Tuple[int, str]]:
        """The target's module text besides the dispatch helpers (tf1: its runtime)."""
        return []


def dispatch_prelude(job: ModuleJob) -> List[Tuple[int, str]]:
    """The dispatch helpers the lowered functions use (lower/dispatch.py), once: above the
    first converted function (or the class holding it) and the comments just above it."""
    at, names = dispatch_parts(job)
    text = dispatch_text(job.state.tf, names, job.analysis.parsed.lines)
    return [(at, text)] if text else []


def dispatch_text(tf: str, names, lines) -> str:
    """The helpers `names` (role -> name) in the indentation unit of the file's `lines`."""
    return in_file_units(dispatch_source(tf, names), lines)


def dispatch_parts(job: ModuleJob) -> Tuple[int, dict]:
    """(the prelude's line: above the first lowered function, the used helpers role -> name):
    what `dispatch_prelude` writes, for a conversion in pieces (pieces.py) to join the pieces'
    helpers into one prelude."""
    used = {n.id for fn in job.lowered.values() for n in walk(fn) if isinstance(n, gast.Name)}
    present = job.state.present  # already in the file: not emitted again
    names = {role: name for role, name in job.state.dispatch.items()
             if name in used and present.get(role) != name}  # not a kept function's
    parsed = job.analysis.parsed
    lowered = [s for s in job.analysis.selected if s.qualname in job.lowered]
    tops = {id(stmt): stmt for stmt in parsed.tree.body}
    anchors = []
    for sel in lowered:
        owner = sel.node if id(sel.node) in tops else next(
            (c for c in parsed.tree.body if isinstance(c, gast.ClassDef) and c.name == sel.class_name),
            sel.node)
        anchors.append(min([d.lineno for d in owner.decorator_list] + [owner.lineno]))
    at = min(anchors, default=1)
    while at > 1 and parsed.lines[at - 2].lstrip().startswith("#"):
        at -= 1
    return at, names


def in_file_units(text: str, lines) -> str:
    """`text` (indented by 4 spaces a level) in the file's own indentation unit (tabs, 2 spaces)."""
    if not text:
        return text
    unit = file_unit(lines)
    if unit == "    ":
        return text
    out = []
    for line in text.split("\n"):
        spaces = len(line) - len(line.lstrip(" "))
        out.append(unit * (spaces // 4) + " " * (spaces % 4) + line[spaces:])
    return "\n".join(out)
