"""What `agx explain` reports, as data: findings, one report per function, one per call.

Renderers (text.py, jsonout.py) only format these; nothing here computes anything.
"""
from __future__ import annotations

import dataclasses
from typing import Dict, List, Optional


@dataclasses.dataclass
class Finding:
    code: str                      # stable: AGX4xx (catalogue in catalogue.py)
    severity: str                  # error | warning | note
    line: int
    col: int
    title: str
    explanation: str
    hint: str
    fails_trace: bool = False      # the statement always runs while tracing and always raises

    def to_dict(self) -> dict:
        return {k: getattr(self, k) for k in
                ("code", "severity", "line", "col", "title", "explanation", "hint")}


@dataclasses.dataclass
class FunctionReport:
    name: str
    file: str
    line: int
    decorated: bool
    input_signature: bool
    params: list                   # ParamInfo
    statements: list               # StatementFate, sorted by (line, col)
    decisions: list                # Decision (expressions too)
    findings: List[Finding]
    summary: Dict[str, object]
    source: str = ""               # the function's original text (for --compare-autograph)
    converted: Optional[str] = None  # agx's output for it, None when it cannot be converted
    module: Optional[dict] = None  # a method's class: variables and submodules (modules.py)

    def to_dict(self) -> dict:
        return {
            "name": self.name,
            "file": self.file,
            "line": self.line,
            "params": [p.to_dict() for p in self.params],
            "statements": [{k: getattr(s, k) for k in
                            ("line", "col", "source", "fate", "lowered_to", "reason")}
                           for s in self.statements],
            "findings": [f.to_dict() for f in self.findings],
            "summary": dict(self.summary),
            **({"module": self.module} if self.module else {}),
        }


@dataclasses.dataclass
class CallReport:
    args: str                      # the argument list as written
    predicted_trace: Optional[bool]  # None: cannot predict (or the call is predicted to fail)
    reason: str
    observed_trace: Optional[bool] = None   # --run only
    observed_error: Optional[str] = None    # --run: the exception the call raised
    printed: str = ""              # --run: Python output while the call ran (tracing)
    graph_output: str = ""         # --run: what the graph printed (tf.print)
    ran: bool = False
    predicts_error: bool = False   # the prediction is "this call raises" (predicted_trace None)
    forms: List[str] = dataclasses.field(default_factory=list)  # each dispatch's form (forms.py)

    @property
    def agrees(self) -> Optional[bool]:
        if not self.ran:
            return None
        if self.predicts_error:
            return self.observed_error is not None
        if self.predicted_trace is None:
            return None
        return self.predicted_trace == self.observed_trace and self.observed_error is None

    def to_dict(self) -> dict:
        out = {"args": self.args, "predicted_trace": self.predicted_trace, "reason": self.reason,
               "forms": list(self.forms)}
        if self.ran:
            out["observed_trace"] = self.observed_trace
            out["observed_error"] = self.observed_error
            out["printed"] = self.printed
        return out
