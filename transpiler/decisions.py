"""Lowering decisions as data: what each construct became and why, with its location.

`transpile` acts on these; `explain` prints them. Keys for node annotations live here
too (one enum, like AutoGraph's `anno.Basic`), so no pass invents its own attribute.
"""
from __future__ import annotations

import dataclasses
import enum
from typing import List, Optional


class Anno(str, enum.Enum):
    DECISION = "agx_decision"       # Decision on If/While/For/IfExp/BoolOp/Assert nodes
    ORIGIN = "agx_origin"           # original source line of a generated node
    COMMENT = "agx_comment"         # comment lines to print above a statement


def get(node, key: Anno, default=None):
    return getattr(node, key.value, default)


def put(node, key: Anno, value) -> None:
    setattr(node, key.value, value)


class Kind(enum.IntEnum):
    """What a value is while tracing; ordered so that join == max."""
    PYTHON = 0
    UNKNOWN = 1
    TENSOR = 2


def join(*kinds: Kind) -> Kind:
    return max(kinds, default=Kind.PYTHON)


@dataclasses.dataclass
class Decision:
    line: int
    col: int
    construct: str                 # "if", "while", "for", "ifexp", "and", "or", "not", "assert", "list"
    lowered: bool
    lowered_to: Optional[str]      # "tf.cond", "tf.while_loop", "tf.logical_and", ... or None
    reason: str
    source: str = ""
    assumption: bool = False       # decided on an UNKNOWN value

    @property
    def fate(self) -> str:
        if self.lowered:
            return "lowered"
        return "unrolled" if self.construct in ("for", "while", "if") else "trace-only"

    def to_dict(self) -> dict:
        return dataclasses.asdict(self)


@dataclasses.dataclass
class ParamInfo:
    name: str
    kind: Kind
    reason: str

    def to_dict(self) -> dict:
        return {"name": self.name, "kind": self.kind.name.lower(), "reason": self.reason}


@dataclasses.dataclass
class FunctionInfo:
    """Everything the analysis decided about one converted function."""
    name: str                      # qualified: "f" or "Class.method"
    line: int
    col: int
    decorated: bool
    input_signature: bool
    params: List[ParamInfo]
    decisions: List[Decision] = dataclasses.field(default_factory=list)
    statements: list = dataclasses.field(default_factory=list)  # StatementFate, source order
    node: object = None            # the (original) gast FunctionDef
    kinds: dict = dataclasses.field(default_factory=dict)  # id(expr node) -> Kind, for explain
