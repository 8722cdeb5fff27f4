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
    """What a value is while tracing, coarsely, for control flow; ordered so that join == max.

    PYTHON: decided while tracing (a Python `if`/loop); TENSOR: graph control flow;
    UNKNOWN: may be either, so the statement dispatches on it at trace time."""
    PYTHON = 0
    UNKNOWN = 1
    TENSOR = 2


class Sort(enum.Enum):
    """The finer kind of a value (what `explain` prints); `.kind` is its coarse `Kind`."""
    TENSOR = "tensor"                  # tf.Tensor, tf.Variable, composite tensors
    SCALAR = "python scalar"           # bool, int, float, str, None
    CONTAINER = "python container"     # list, tuple, dict, namedtuple, range
    CALLABLE = "callable"
    DATASET = "dataset"                # tf.data.Dataset (and distributed datasets)
    ITERATOR = "iterator"              # dataset / distributed iterators
    OBJECT = "python object"           # `self`, `*args`, `**kwargs`, modules
    OPTIONAL = "optional"              # None or a value passed by the caller (may be a Tensor)
    ANY = "unknown"                    # nothing in the source says: may be either

    @property
    def kind(self) -> Kind:
        if self is Sort.TENSOR:
            return Kind.TENSOR
        if self in (Sort.OPTIONAL, Sort.ANY):
            return Kind.UNKNOWN
        return Kind.PYTHON


class Source(enum.Enum):
    """Where a parameter's kind comes from (printed by `explain`)."""
    SIGNATURE = "input_signature"
    ANNOTATION = "annotation"
    DEFAULT = "default"
    KERAS = "keras convention"
    USE = "use in the body"
    ASSUMED = "--assume"
    RECEIVER = "receiver"
    VARARGS = "varargs"
    NONE = "nothing"


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
    dispatch: bool = False         # lowered_to when a Tensor, the Python statement otherwise

    @property
    def fate(self) -> str:
        if self.lowered and self.dispatch:
            return "dispatched"
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
    sort: Sort = Sort.ANY
    source: Source = Source.NONE

    def to_dict(self) -> dict:
        return {"name": self.name, "kind": self.kind.name.lower(), "sort": self.sort.value,
                "source": self.source.value, "reason": self.reason}


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
