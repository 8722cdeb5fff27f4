"""The analysis' results as typed data: kinds, decisions with their location and reason,
parameter kinds and statement fates, gathered per function in a `FunctionInfo`.

`transpile` acts on these; `explain` prints them. Node annotations go through the one
keyed store in `ground/anno.py`.
"""
from __future__ import annotations

import dataclasses
import enum
from typing import List, Optional


class Kind(enum.IntEnum):
    """What a value is while tracing; ordered so that join == max."""
    PYTHON = 0
    UNKNOWN = 1
    TENSOR = 2


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
    node: object = None            # the analysed gast FunctionDef (lowering works on a copy)
