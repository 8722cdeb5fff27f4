"""Expression facts the analysis and its reports share: one-line source text (`src`), whether
an expression is safe to evaluate eagerly (`is_pure`), and a statement's fate for `explain`.

Before: a gast expression node.   After: its text (`tf.reduce_sum(x) > 0`), or a yes/no.
"""
from __future__ import annotations

import dataclasses
from typing import Optional

import gast

from ..ground.syntax import walk
from .context import ModuleContext

PURE_NODES = (gast.Name, gast.Constant, gast.Compare, gast.BoolOp, gast.UnaryOp, gast.Attribute,
              gast.Tuple, gast.expr_context, gast.cmpop, gast.boolop, gast.unaryop, gast.operator)


@dataclasses.dataclass
class StatementFate:
    line: int
    col: int
    source: str
    fate: str                      # graph | trace-only | lowered | unrolled
    lowered_to: Optional[str]
    reason: str

    def to_dict(self) -> dict:
        return dataclasses.asdict(self)


def src(node, ctx: ModuleContext) -> str:
    """One-line source text of a node, for reasons and comments.

    Cached per module context: loop fixpoints evaluate the same nodes several times, and
    the analysis never changes a node."""
    cache = ctx.__dict__.setdefault("_src_cache", {})
    hit = cache.get(id(node))
    if hit is not None and hit[0] is node:
        return hit[1]
    from ..ground.printer import expr_source, simple_source
    text = simple_source(node)  # `tf.reduce_sum(x) > 0` and the like, without astor
    if text is None:
        try:
            text = expr_source(node)
        except Exception:  # pragma: no cover - emit failure must not break analysis
            text = "?"
    text = text if len(text) <= 60 else text[:57] + "..."
    cache[id(node)] = (node, text)
    return text


def is_pure(node) -> bool:
    """Safe to evaluate eagerly even when Python would skip it (no calls, no indexing)."""
    for sub in walk(node):
        if isinstance(sub, gast.BinOp):
            if isinstance(sub.op, (gast.Div, gast.FloorDiv, gast.Mod, gast.Pow)):
                return False
            continue
        if not isinstance(sub, PURE_NODES):
            return False
    return True
